/**
 * Step 四 of the procedure: 确认 of a URL转发 on `@` creates two records, `@` and `www`, both
 * forwarding to the target; the `www` half is marked as generated and the two are kept as a pair
 * (deleting one asks about the other).
 */
import { domainOf, isUrlForward, type DnsRecordSpec } from './types.js';

/** The records to store for `candidate`: the pair for a URL转发 on `@`, otherwise just itself. */
export function urlForwardPair(candidate: DnsRecordSpec): DnsRecordSpec[] {
  if (!isUrlForward(candidate.type) || candidate.hostAce !== '@') return [candidate];
  const { id: _id, ...unsaved } = candidate;
  const www: DnsRecordSpec = {
    ...unsaved,
    host: 'www',
    hostAce: 'www',
    owner: `www.${domainOf(candidate)}`,
    generatedFromHost: '@',
  };
  return [candidate, www];
}

/**
 * The other half of a URL转发 pair: for the `@` record the generated `www` one and vice versa.
 * The pair is structural (hosts and the generated mark), so it survives an edit of the target.
 */
export function partnerOf(records: readonly DnsRecordSpec[], record: DnsRecordSpec): DnsRecordSpec | undefined {
  if (!isUrlForward(record.type)) return undefined;
  const domain = domainOf(record);
  const sameDomain = (r: DnsRecordSpec) => isUrlForward(r.type) && domainOf(r) === domain;
  if (record.generatedFromHost === '@') {
    return records.find((r) => sameDomain(r) && r.hostAce === '@');
  }
  if (record.hostAce === '@') {
    return records.find((r) => sameDomain(r) && r.hostAce === 'www' && r.generatedFromHost === '@');
  }
  return undefined;
}
