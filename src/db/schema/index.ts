export * from './organisation.js';
export * from './accounts.js';
export * from './names.js';
export * from './workflow.js';
export * from './dns.js';
export * from './messaging.js';
export * from './public.js';
export * from './sitecheck.js';
