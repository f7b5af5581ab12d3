import { Conflict, InvalidInput } from '../errors.js';

export class ApplicationStale extends Conflict {
  constructor() {
    super('STALE_VERSION', '该申请已被他人处理或已更新，请刷新后重试');
  }
}

export class OpenApplicationExists extends Conflict {
  constructor(number: string) {
    super('OPEN_APPLICATION_EXISTS', `该网站已有未完成的申请（编号 ${number}），请等待其办结或撤回后再提交`);
  }
}

/** The procedure's order: 自建网站 → 网络红页 needs the 注销 approved before the new application. */
export class DeregistrationPending extends Conflict {
  constructor(number: string) {
    super('DEREGISTRATION_PENDING', `该中文域名上网站的注销申请（编号 ${number}）尚未审核通过，请等待注销审核通过后再提交新开办网站申请`, 'domainId');
  }
}

export class DomainHasWebsite extends Conflict {
  constructor(name: string) {
    super('DOMAIN_HAS_WEBSITE', `中文域名已开办网站“${name}”；如需改变挂标位置，请在“标识管理”中办理变更，或先注销该网站`, 'domainId');
  }
}

export class WebsiteNotActive extends Conflict {
  constructor() {
    super('WEBSITE_NOT_ACTIVE', '该网站的标识不是有效状态，不能办理此申请');
  }
}

export class DomainNotActive extends Conflict {
  constructor() {
    super('DOMAIN_NOT_ACTIVE', '该中文域名不是正常状态（可能已过期或已注销），请先续费或恢复后再申请', 'domainId');
  }
}

export class NotOwnDomain extends InvalidInput {
  constructor() {
    super('DOMAIN_NOT_OWNED', '所选中文域名不存在或不属于本单位', 'domainId');
  }
}

export class NotOwnWebsite extends InvalidInput {
  constructor() {
    super('WEBSITE_NOT_OWNED', '所选网站不存在或不属于本单位', 'websiteId');
  }
}

export class NotEditable extends Conflict {
  constructor() {
    super('NOT_EDITABLE', '只有草稿或已退回的申请可以修改');
  }
}

export class TypeMismatch extends InvalidInput {
  constructor() {
    super('TYPE_MISMATCH', '修改后的申请类型必须与原申请一致', 'type');
  }
}

export class PaperItemNotFound extends InvalidInput {
  constructor() {
    super('PAPER_ITEM_NOT_FOUND', '纸质材料不存在', 'itemId');
  }
}
