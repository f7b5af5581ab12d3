import { describe, expect, it } from 'vitest';
import { Conflict, InvalidInput } from '../errors.js';
import {
  CnameAtApex, CnameConflict, DelegationConflict, DuplicateRecord, GlueInUse, GlueMissing, UrlForwardConflict,
} from './errors.js';

describe('DNS rule errors', () => {
  it.each([
    [new CnameAtApex(), InvalidInput, 'DNS_CNAME_AT_APEX', 400],
    [new CnameConflict('www', 'A'), Conflict, 'DNS_CNAME_CONFLICT', 409],
    [new UrlForwardConflict('@', 'A'), Conflict, 'DNS_URL_FORWARD_CONFLICT', 409],
    [new DuplicateRecord('@', 'MX'), Conflict, 'DNS_DUPLICATE_RECORD', 409],
    [new DelegationConflict('委派冲突'), Conflict, 'DNS_DELEGATION_CONFLICT', 409],
    [new GlueMissing('ns1.sub.国务院.政务'), InvalidInput, 'DNS_NS_GLUE_MISSING', 400],
    [new GlueInUse('ns1.sub.国务院.政务', 'sub'), Conflict, 'DNS_GLUE_IN_USE', 409],
  ])('%s has a stable code and status', (error, kind, code, status) => {
    expect(error).toBeInstanceOf(kind);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the existing record type in the user’s words and says to delete it first', () => {
    expect(new UrlForwardConflict('@', 'A').message).toBe(
      '主机记录“@”已有A记录，URL转发不能与A、AAAA、CNAME或其他URL转发记录共存；请先删除原解析内容后再添加',
    );
    expect(new CnameConflict('www', 'URL_FRAME').message).toContain('已有URL转发（隐性）记录');
  });
});
