/**
 * Rules over the whole record set of one domain, checked before a record is added or edited.
 * A URL转发 name answers with the edge's A/AAAA (zone.ts), so it cannot share its name with A,
 * AAAA, CNAME or another URL转发; the procedure's "删除原解析内容后" is what the user is told.
 */
import { checkDelegation, checkDeletion } from './delegation.js';
import { CnameAtApex, CnameConflict, DuplicateRecord, UrlForwardConflict } from './errors.js';
import { isUrlForward, type DnsRecordSpec } from './types.js';

export * from './errors.js';
export { checkDeletion };

const answersWithAddresses = (r: DnsRecordSpec) =>
  r.type === 'A' || r.type === 'AAAA' || r.type === 'CNAME' || isUrlForward(r.type);

/**
 * @param existing    the domain's stored records
 * @param candidate   the validated record to add, or the new version of the record `replacingId`
 * @throws CnameAtApex (400) · DuplicateRecord · CnameConflict · UrlForwardConflict ·
 *   DelegationConflict (409) · GlueMissing (400)
 */
export function verifyRecordSet(existing: readonly DnsRecordSpec[], candidate: DnsRecordSpec, replacingId?: string): void {
  const others = replacingId === undefined ? existing : existing.filter((r) => r.id !== replacingId);
  if (candidate.type === 'CNAME' && candidate.hostAce === '@') throw new CnameAtApex();

  const peers = others.filter((r) => r.owner === candidate.owner);
  if (peers.some((r) => r.type === candidate.type && r.value === candidate.value)) {
    throw new DuplicateRecord(candidate.host, candidate.type);
  }
  const cname = peers.find((r) => r.type === 'CNAME' || candidate.type === 'CNAME');
  if (cname !== undefined) throw new CnameConflict(candidate.host, cname.type);

  if (answersWithAddresses(candidate)) {
    const clash = peers.find((r) => answersWithAddresses(r) && (isUrlForward(candidate.type) || isUrlForward(r.type)));
    if (clash !== undefined) throw new UrlForwardConflict(candidate.host, clash.type);
  }
  checkDelegation(others, candidate);
}

/** Verifies several new records together (the URL转发 pair), each against the ones before it. */
export function verifyRecordSets(
  existing: readonly DnsRecordSpec[],
  candidates: readonly DnsRecordSpec[],
  replacingIds: readonly string[] = [],
): void {
  const replaced = new Set(replacingIds);
  const kept = existing.filter((r) => r.id === undefined || !replaced.has(r.id));
  candidates.forEach((candidate, i) => verifyRecordSet([...kept, ...candidates.slice(0, i)], candidate));
}
