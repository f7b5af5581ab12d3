/** Set-level 域名解析 rule violations, one class each, with stable codes and Chinese messages. */
import { Conflict, InvalidInput } from '../errors.js';
import { recordTypeLabel, type RecordType } from './types.js';

const shown = (host: string) => `主机记录“${host}”`;

export class CnameAtApex extends InvalidInput {
  constructor() {
    super(
      'DNS_CNAME_AT_APEX',
      '主机记录为 @ 时不能添加CNAME记录（域名本身还需要SOA、NS等记录）；请改用A/AAAA记录或URL转发',
      'host',
    );
  }
}

export class CnameConflict extends Conflict {
  constructor(host: string, existing: RecordType) {
    super(
      'DNS_CNAME_CONFLICT',
      existing === 'CNAME'
        ? `${shown(host)}已有CNAME记录，CNAME不能与其他记录共存；请先删除原解析内容后再添加`
        : `${shown(host)}已有${recordTypeLabel[existing]}记录，CNAME不能与其他记录共存；请先删除原解析内容后再添加`,
      'host',
    );
  }
}

export class UrlForwardConflict extends Conflict {
  constructor(host: string, existing: RecordType) {
    super(
      'DNS_URL_FORWARD_CONFLICT',
      `${shown(host)}已有${recordTypeLabel[existing]}记录，URL转发不能与A、AAAA、CNAME或其他URL转发记录共存；请先删除原解析内容后再添加`,
      'host',
    );
  }
}

export class DuplicateRecord extends Conflict {
  constructor(host: string, type: RecordType) {
    super('DNS_DUPLICATE_RECORD', `${shown(host)}已有相同的${recordTypeLabel[type]}记录`, 'value');
  }
}

export class DelegationConflict extends Conflict {
  constructor(message: string) {
    super('DNS_DELEGATION_CONFLICT', message, 'host');
  }
}

export class GlueMissing extends InvalidInput {
  constructor(target: string) {
    super(
      'DNS_NS_GLUE_MISSING',
      `NS记录值“${target}”在本域名之下，请先为它添加A或AAAA记录（胶水记录），再添加NS记录`,
      'value',
    );
  }
}

export class GlueInUse extends Conflict {
  constructor(target: string, delegated: string) {
    super(
      'DNS_GLUE_IN_USE',
      `“${target}”的A/AAAA记录是“${delegated}”的NS委派所需的胶水记录，不能全部删除；请先删除或修改该NS记录`,
    );
  }
}
