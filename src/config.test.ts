import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('SITECHECK_* configuration', () => {
  it('defaults: nothing private allowed, the system resolver, a daily patrol telling after 3 failures', () => {
    const c = loadConfig({});
    expect(c.siteCheck).toEqual({
      allowAddresses: [],
      dnsServers: [],
      caFile: undefined,
      patrol: { intervalMs: 24 * 3_600_000, pollMs: 60_000, failuresToNotify: 3, concurrency: 2 },
    });
  });

  it('reads lists and numbers; interval 0 turns the patrol off', () => {
    const c = loadConfig({ SITECHECK_ALLOW_ADDRESSES: '127.0.0.1, ::1,10.1.0.0/16', SITECHECK_DNS_SERVERS: '127.0.0.1:5353', SITECHECK_PATROL_INTERVAL_HOURS: '0', SITECHECK_PATROL_FAILURES: '5' });
    expect(c.siteCheck.allowAddresses).toEqual(['127.0.0.1', '::1', '10.1.0.0/16']);
    expect(c.siteCheck.dnsServers).toEqual(['127.0.0.1:5353']);
    expect(c.siteCheck.patrol).toMatchObject({ intervalMs: 0, failuresToNotify: 5 });
  });

  it('refuses an allow-list entry that is not an address or prefix', () => {
    expect(() => loadConfig({ SITECHECK_ALLOW_ADDRESSES: 'localhost' })).toThrow(ConfigError);
    expect(() => loadConfig({ SITECHECK_ALLOW_ADDRESSES: 'localhost' })).toThrow(/SITECHECK_ALLOW_ADDRESSES/);
  });
});
