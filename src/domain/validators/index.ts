/** Pure validators (no I/O) for the registration forms. */
export * from './result.js';
export * from './uscc.js';
export * from './id-number.js';
export * from './mobile.js';
export * from './email.js';
export * from './chinese-domain.js';
export * from './english-domain.js';
export * from './ipv6.js';
export * from './ip.js';
export * from './password-policy.js';
