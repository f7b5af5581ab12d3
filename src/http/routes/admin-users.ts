import { z } from 'zod';
import { disableUser, enableUser, resetUserPassword, resetUserSecondFactor, unlockUser } from '../../app/users/account-actions.js';
import { createUser } from '../../app/users/create-user.js';
import { listUnitsForAdmin, listUsers } from '../../app/users/list-users.js';
import { updateUser } from '../../app/users/update-user.js';
import { createRegion, renameRegion } from '../../app/regions/manage-regions.js';
import { roles } from '../../domain/types.js';
import { ctxOf } from '../auth.js';
import { pageQuery, uuidParam, type RouteDeps, type Router } from '../router.js';

const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和连字符');
const regionCode = z.string().regex(/^\d{6}$/, '区域代码为6位数字');
const optionalContact = (max: number) => z.string().trim().max(max).nullable().optional();

const CreateBody = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(64),
  role: z.enum(roles),
  unitId: z.uuid().nullable().optional(),
  regionCode: regionCode.nullable().optional(),
  mobile: optionalContact(20),
  email: optionalContact(254),
});
const UpdateBody = z.strictObject({
  version: z.number().int().min(1).max(2_147_483_647),
  displayName: z.string().trim().min(1).max(64).optional(),
  role: z.enum(roles).optional(),
  unitId: z.uuid().nullable().optional(),
  regionCode: regionCode.nullable().optional(),
  mobile: optionalContact(20),
  email: optionalContact(254),
});
const ListQuery = z.strictObject({ q: z.string().trim().max(64).optional(), role: z.enum(roles).optional(), ...pageQuery });

const RegionBody = z.strictObject({ code: regionCode, name: z.string().trim().min(1).max(64), parentCode: regionCode.nullable().optional() });
const RegionParam = z.strictObject({ code: regionCode });
const RegionRename = z.strictObject({ name: z.string().trim().min(1).max(64) });

const tags = ['系统管理'];

const UnitsQuery = z.strictObject({
  q: z.string().trim().max(64).optional(),
  id: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export function adminUserRoutes(r: Router, { app }: RouteDeps): void {
  r.get('/api/admin/users', { schema: { tags, summary: '用户列表', querystring: ListQuery } }, (req) =>
    listUsers(ctxOf(app, req), req.query),
  );
  r.post('/api/admin/users', { schema: { tags, summary: '新建用户', body: CreateBody } }, async (req, reply) =>
    reply.code(201).send(await createUser(ctxOf(app, req), req.body)),
  );
  r.patch('/api/admin/users/:id', { schema: { tags, summary: '修改用户', params: uuidParam, body: UpdateBody } }, (req) =>
    updateUser(ctxOf(app, req), { ...req.body, id: req.params.id }),
  );
  r.post('/api/admin/users/:id/disable', { schema: { tags, summary: '停用用户', params: uuidParam } }, (req) =>
    disableUser(ctxOf(app, req), req.params.id),
  );
  r.post('/api/admin/users/:id/enable', { schema: { tags, summary: '启用用户', params: uuidParam } }, (req) =>
    enableUser(ctxOf(app, req), req.params.id),
  );
  r.post('/api/admin/users/:id/unlock', { schema: { tags, summary: '解锁用户', params: uuidParam } }, (req) =>
    unlockUser(ctxOf(app, req), req.params.id),
  );
  r.post('/api/admin/users/:id/reset-password', { schema: { tags, summary: '重置密码', params: uuidParam } }, (req) =>
    resetUserPassword(ctxOf(app, req), req.params.id),
  );
  r.post('/api/admin/users/:id/reset-second-factor', { schema: { tags, summary: '重置二次验证', params: uuidParam } }, (req) =>
    resetUserSecondFactor(ctxOf(app, req), req.params.id),
  );
  r.post('/api/admin/regions', { schema: { tags, summary: '新增区域（GB/T 2260）', body: RegionBody } }, async (req, reply) =>
    reply.code(201).send(await createRegion(ctxOf(app, req), { code: req.body.code, name: req.body.name, parentCode: req.body.parentCode ?? null })),
  );
  r.patch('/api/admin/regions/:code', { schema: { tags, summary: '修改区域名称', params: RegionParam, body: RegionRename } }, (req) =>
    renameRegion(ctxOf(app, req), req.params.code, req.body.name),
  );
  r.get('/api/admin/units', { schema: { tags, summary: '单位列表（用于分配经办人；按名称或统一社会信用代码搜索）', querystring: UnitsQuery } }, (req) =>
    listUnitsForAdmin(ctxOf(app, req), req.query),
  );
}
