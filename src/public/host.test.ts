import { describe, expect, it } from 'vitest';
import { forwardLocation } from './forward.js';
import { hostnameOf, isSiteHost, redPageDomain } from './host.js';

describe('the Host header', () => {
  it('becomes lower-case ACE without port or trailing dot, whether Unicode or ACE', () => {
    const ace = hostnameOf('杭州市财政局.政务')!;
    expect(ace).toMatch(/^xn--[a-z0-9-]+\.xn--zfr164b$/);
    expect(hostnameOf(`${ace.toUpperCase()}.:8081`)).toBe(ace);
    expect(hostnameOf(Buffer.from('www.杭州市财政局.政务:80').toString('latin1'))).toBe(`www.${ace}`);
    expect(hostnameOf('[::1]:8081')).toBe('[::1]');
    expect(hostnameOf('127.0.0.1:8081')).toBe('127.0.0.1');
    expect(hostnameOf(undefined)).toBeNull();
  });
  it('marks names under 政务 and 公益 as site hosts', () => {
    expect(isSiteHost(hostnameOf('www.宁波市图书馆.公益')!)).toBe(true);
    expect(isSiteHost('edge.example')).toBe(false);
    expect(isSiteHost('xn--zfr164b')).toBe(false);
  });
  it('takes a red page domain from a path, Unicode or ACE, with or without www', () => {
    const ace = hostnameOf('杭州市财政局.政务')!;
    expect(redPageDomain('杭州市财政局.政务')).toBe(ace);
    expect(redPageDomain(`www.${ace}`)).toBe(ace);
    expect(redPageDomain('a.b.杭州市财政局.政务')).toBeNull();
    expect(redPageDomain('example.com')).toBeNull();
  });
});

describe('显性URL转发', () => {
  it('keeps path and query by option, and never changes the target host', () => {
    expect(forwardLocation('https://www.example.gov.cn/', false, '/a/b?x=1')).toBe('https://www.example.gov.cn/');
    expect(forwardLocation('https://www.example.gov.cn/', true, '/a/b?x=1')).toBe('https://www.example.gov.cn/a/b?x=1');
    expect(forwardLocation('https://www.example.gov.cn/site/', true, '/a')).toBe('https://www.example.gov.cn/site/a');
    expect(forwardLocation('https://www.example.gov.cn/index.html?y=2', true, '/')).toBe('https://www.example.gov.cn/index.html?y=2');
    expect(new URL(forwardLocation('https://www.example.gov.cn/', true, '//evil.example/x')).host).toBe('www.example.gov.cn');
    expect(forwardLocation('https://www.example.gov.cn/', true, '/%0d%0aSet-Cookie:x')).not.toMatch(/[\r\n]/);
  });
});
