/**
 * NS delegation of a sub-label. Below a delegated name our zone is not authoritative: any data
 * there would never be answered, so only NS at the cut and A/AAAA below it (glue for name servers
 * inside the delegated part) may exist. An NS target inside the domain must have an address,
 * otherwise named-checkzone rejects the whole TLD zone ("has no address records").
 */
import { DelegationConflict, GlueInUse, GlueMissing } from './errors.js';
import { domainOf, isAtOrBelow, isBelow, type DnsRecordSpec } from './types.js';

const isAddress = (r: DnsRecordSpec) => r.type === 'A' || r.type === 'AAAA';

/** Throws when `candidate` would break a delegation among `others` (which exclude the edited record). */
export function checkDelegation(others: readonly DnsRecordSpec[], candidate: DnsRecordSpec): void {
  const cuts = others.filter((r) => r.type === 'NS');
  for (const cut of cuts) {
    if (cut.owner === candidate.owner && candidate.type !== 'NS') {
      throw new DelegationConflict(
        `主机记录“${cut.host}”已委派（NS）给其他DNS服务器，不能再添加其他类型的记录；请先删除原解析内容后再添加`,
      );
    }
    if (isBelow(candidate.owner, cut.owner) && !isAddress(candidate)) {
      throw new DelegationConflict(
        `“${candidate.host}”位于已委派（NS）给其他DNS服务器的“${cut.host}”之下，只能添加该委派所需的A/AAAA胶水记录`,
      );
    }
  }
  if (candidate.type !== 'NS') return;

  const cut = candidate.owner;
  const occluded = others.find(
    (r) => (r.owner === cut && r.type !== 'NS') || (isBelow(r.owner, cut) && !isAddress(r)),
  );
  if (occluded !== undefined) {
    throw new DelegationConflict(
      `委派（NS）后“${occluded.host}”的${occluded.type === 'NS' ? 'NS' : '原有'}记录将失效；请先删除原解析内容后再添加NS记录`,
    );
  }
  const target = candidate.value;
  if (isAtOrBelow(target, domainOf(candidate)) && !others.some((r) => r.owner === target && isAddress(r))) {
    throw new GlueMissing(candidate.display);
  }
}

/** Throws when removing `removedIds` would leave an NS whose in-domain target has no address. */
export function checkDeletion(records: readonly DnsRecordSpec[], removedIds: readonly string[]): void {
  const removed = new Set(removedIds);
  const remaining = records.filter((r) => r.id === undefined || !removed.has(r.id));
  for (const ns of remaining) {
    if (ns.type !== 'NS' || !isAtOrBelow(ns.value, domainOf(ns))) continue;
    const hadGlue = records.some((r) => r.owner === ns.value && isAddress(r));
    const hasGlue = remaining.some((r) => r.owner === ns.value && isAddress(r));
    if (hadGlue && !hasGlue) throw new GlueInUse(ns.display, ns.host);
  }
}
