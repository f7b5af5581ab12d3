/** The pure DNS domain of 域名解析: records, set rules, URL转发 pairs, the zone and its diffs. */
export * from './records.js';
export * from './rules.js';
export * from './url-forward.js';
export * from './zone.js';
export * from './diff.js';
export { canonicalNameKey, recordKey, sortCanonical } from './canonical.js';
export { masterFileLines } from './master-file.js';
export { dateSerial } from './serial.js';
export { splitCharacterStrings, quoteCharacterString } from './txt.js';
