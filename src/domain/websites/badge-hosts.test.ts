import { describe, expect, it } from 'vitest';
import { badgeHosts, badgeStatus, badgeStatusLabel, errorBadgeReason, hostnameOfPublicHost, type BadgeSite } from './badge-hosts.js';

const selfHosted: BadgeSite = { status: 'active', hosting: 'self_hosted', englishDomain: 'www.hz-first-hospital.cn', domainAce: 'xn--abc.xn--55qw42g', badgeVersion: 2 };
const redPage: BadgeSite = { status: 'active', hosting: 'red_page', englishDomain: null, domainAce: 'xn--abc.xn--zfr164b', badgeVersion: 1 };

describe('where a badge is valid', () => {
  it('is the registered English domain with and without www for a 自建网站', () => {
    expect(badgeHosts(selfHosted, 'edge.example')).toEqual(['www.hz-first-hospital.cn', 'hz-first-hospital.cn']);
    expect(badgeHosts({ ...selfHosted, englishDomain: 'jyj.ningbo.gov.cn' }, 'edge.example')).toEqual(['jyj.ningbo.gov.cn', 'www.jyj.ningbo.gov.cn']);
  });
  it('is the Chinese domain, its www and the public host for a 网络红页', () => {
    expect(badgeHosts(redPage, 'edge.example')).toEqual(['xn--abc.xn--zfr164b', 'www.xn--abc.xn--zfr164b', 'edge.example']);
  });
  it('is nowhere once deregistered', () => {
    expect(badgeHosts({ ...selfHosted, status: 'deregistered' }, 'edge.example')).toEqual([]);
  });
  it('takes the hostname of PUBLIC_HOST without its port', () => {
    expect(hostnameOfPublicHost('127.0.0.1:8081')).toBe('127.0.0.1');
    expect(hostnameOfPublicHost('[::1]:8081')).toBe('[::1]');
    expect(hostnameOfPublicHost('Edge.Example')).toBe('edge.example');
  });
});

describe('状态 on the verification page', () => {
  it('says 有效, 已注销, or changed to version N for an older copy', () => {
    expect(badgeStatusLabel(badgeStatus(selfHosted, undefined))).toBe('有效');
    expect(badgeStatusLabel(badgeStatus(selfHosted, 2))).toBe('有效');
    expect(badgeStatusLabel(badgeStatus(selfHosted, 1))).toBe('已变更为第2版');
    expect(badgeStatusLabel(badgeStatus({ ...selfHosted, status: 'deregistered' }, 2))).toBe('已注销');
  });
  it('explains the error badge: another host, or deregistration; nothing on the right host', () => {
    expect(errorBadgeReason(selfHosted, 'evil.example', 'edge.example')).toContain('evil.example');
    expect(errorBadgeReason(selfHosted, 'HZ-First-Hospital.cn.', 'edge.example')).toBeNull();
    expect(errorBadgeReason(selfHosted, undefined, 'edge.example')).toBeNull();
    expect(errorBadgeReason({ ...selfHosted, status: 'deregistered' }, undefined, 'edge.example')).toContain('已注销');
    expect(errorBadgeReason(redPage, 'www.xn--abc.xn--zfr164b', 'edge.example')).toBeNull();
  });
});
