/**
 * A logged-in person of the benchmark over real HTTP: the session cookie, the CSRF header, and the
 * second factor typed like an authenticator app would (TOTP of the seeded secret).
 */
import type pg from 'pg';
import { base32Decode, totpCode } from '../../src/domain/accounts/totp.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 200)}`);
  }
}

export class Session {
  private cookie: string | undefined;
  private csrf: string | undefined;

  constructor(
    private readonly base: string,
    readonly username: string,
  ) {}

  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.cookie !== undefined) headers['cookie'] = `zm_session=${this.cookie}`;
    if (method !== 'GET' && this.csrf !== undefined) headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('zm_session='));
    if (set !== undefined) this.cookie = set.slice('zm_session='.length).split(';')[0];
    const text = await res.text();
    if (res.status >= 300) throw new HttpError(res.status, text);
    return (text === '' ? null : JSON.parse(text)) as T;
  }

  get = <T>(path: string) => this.request<T>('GET', path);
  post = <T>(path: string, body: unknown = {}) => this.request<T>('POST', path, body);

  /**
   * Password, then — when the session asks for it — the current TOTP code. A code is accepted once
   * per 30-s step and account, so (like test support's freshDemoCode) the step the account last
   * spent is forgotten first: the benchmark logs in as one account several times a step.
   */
  async login(password: string, totp?: { secret: string; db: pg.Client }): Promise<void> {
    const r = await this.post<{ csrfToken: string; restriction: string | null }>('/api/session/login', { username: this.username, password });
    this.csrf = r.csrfToken;
    if (r.restriction !== 'second_factor') return;
    if (totp === undefined) throw new Error(`${this.username} needs a second factor`);
    const key = base32Decode(totp.secret);
    if (key === null) throw new Error('bad TOTP secret');
    await totp.db.query(`UPDATE users SET totp_last_step = NULL WHERE lower(username) = lower($1)`, [this.username]);
    await this.post('/api/session/second-factor', { code: totpCode(key, new Date()) });
  }
}
