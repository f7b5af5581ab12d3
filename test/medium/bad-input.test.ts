import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestApp, type ApiClient } from '../support/app.js';
import { buildUser } from '../support/factories.js';

const t = useTestApp();

async function loggedIn(role: 'admin' | 'handler' = 'admin'): Promise<ApiClient> {
  const u = await buildUser(t.db, { role });
  const c = t.client();
  await c.login(u.username, u.password);
  return c;
}

describe('bad input gets a 4xx with a stable code and a Chinese message naming the field', () => {
  it('malformed JSON', async () => {
    const res = await t.client().request('POST', '/api/session/login', '{"username": "a",', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' });
  });

  it('a missing field', async () => {
    const res = await t.client().post('/api/session/login', { username: 'abc' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password' });
    expect(res.body.error.message).toContain('缺少必填字段“密码”');
  });

  it('an extra field', async () => {
    const res = await t.client().post('/api/session/login', { username: 'abc', password: 'x', admin: true });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('未知字段：admin');
  });

  it('a wrong type', async () => {
    const res = await t.client().post('/api/session/login', { username: 42, password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('字段“用户名”应为字符串');
  });

  it('an overlong string', async () => {
    const res = await t.client().post('/api/session/login', { username: 'a'.repeat(65), password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('字段“用户名”不能超过64个字符');
  });

  it('a body over the size limit', async () => {
    const res = await t.client().post('/api/session/login', { username: 'a', password: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('BODY_TOO_LARGE');
  });

  it('a malformed path parameter and a bad query', async () => {
    const c = await loggedIn();
    const res = await c.post('/api/admin/users/not-a-uuid/unlock');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const q = await c.get('/api/admin/users?pageSize=100000');
    expect(q.status).toBe(400);
    expect(q.body.error.message).toContain('每页条数');
  });

  it('an unknown route', async () => {
    const c = await loggedIn();
    const res = await c.get('/api/no/such/thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('leaves no half-written row when a rule fails late', async () => {
    const c = await loggedIn();
    const before = (await t.db.execute('select count(*)::int as n from users')) as unknown as { rows: { n: number }[] };
    const res = await c.post('/api/admin/users', { username: 'half.written', displayName: '半条', role: 'handler', unitId: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(400);
    const after = (await t.db.execute('select count(*)::int as n from users')) as unknown as { rows: { n: number }[] };
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });
});

interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  path: string;
  bodyKeys: string[];
}

async function operations(): Promise<Operation[]> {
  const doc = (await t.client().get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase() as Operation['method'],
      path,
      bodyKeys: Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {}),
    })),
  );
}

const anyValue = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc.constantFrom('handler', 'admin', 'sms', 'email', '330100', '13800138000', 'a@b.cn', ''),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

const bodyFor = (keys: string[]) =>
  fc.oneof(
    fc.record(Object.fromEntries(keys.map((k) => [k, anyValue])), { requiredKeys: [] }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
  );

describe('property: no generated request gets a 5xx', () => {
  it('covers every documented route, logged in and anonymous', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(15);
    for (const op of ops) {
      const clients = [await loggedIn('admin'), await loggedIn('handler'), t.client()];
      await fc.assert(
        fc.asyncProperty(bodyFor(op.bodyKeys), fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })), fc.nat(2), async (body, param, who) => {
          const url = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(param) || 'x');
          const c = clients[who] ?? t.client();
          const payload = typeof body === 'string' ? body : body;
          const res = op.method === 'GET' ? await c.get(url) : await c.request(op.method, url, payload, typeof body === 'string' ? { 'content-type': 'application/json' } : {});
          if (res.status >= 500) throw new Error(`${op.method} ${url} → ${res.status} ${JSON.stringify(res.body)} for ${JSON.stringify(body)}`);
          if (res.status >= 400) expect(res.body.error.code).toMatch(/^[A-Z_]+$/);
        }),
        { numRuns: 50 },
      );
    }
  }, 300_000);
});
