/**
 * A home page through its redirects (at most `maxRedirects`): each hop's URL is judged again —
 * http(s) only, no credentials, a new host resolved by the checker and its addresses judged,
 * the same host kept on the address already chosen (no second resolution, no rebinding).
 */
import { isIP } from 'node:net';
import zlib from 'node:zlib';
import { judgeAddress } from '../domain/sitecheck/address.js';
import { decodePage } from '../domain/sitecheck/charset.js';
import { findIcpNumber, hasBadgeScript } from '../domain/sitecheck/page-facts.js';
import { extractTitle } from '../domain/sitecheck/title.js';
import type { FetchObservation, HopObservation, SiteCheckTarget } from '../domain/sitecheck/types.js';
import { resolveName } from './resolve.js';
import { FetchFailure, requestOnce, type RawResponse } from './request.js';
import type { SiteCheckSettings } from './settings.js';

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const htmlish = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** The address for a redirect's host: an IP literal judged as it is, a name resolved and judged. */
async function addressFor(settings: SiteCheckSettings, host: string, deadline: number): Promise<string> {
  if (isIP(host) !== 0) {
    const v = judgeAddress(host, settings.allow);
    if (!v.allowed) throw new FetchFailure('REDIRECT_REFUSED', `跳转到非公网地址 ${host}（${v.reason ?? ''}），不予访问`);
    return v.address;
  }
  const dns = await resolveName(settings, host, settings.allow, deadline);
  if (dns.error !== null) throw new FetchFailure('REDIRECT_DNS_FAILED', `跳转目标 ${host} 无法解析：${dns.error.message}`);
  const ok = dns.addresses.find((a) => a.allowed);
  if (ok === undefined) {
    throw new FetchFailure('REDIRECT_REFUSED', `跳转目标 ${host} 解析到非公网地址 ${dns.addresses.map((a) => `${a.address}（${a.reason ?? ''}）`).join('、')}，不予访问`);
  }
  return ok.address;
}

function nextUrl(current: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new FetchFailure('REDIRECT_INVALID', `跳转地址无效：${location.slice(0, 200)}`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new FetchFailure('REDIRECT_SCHEME', `跳转到不支持的地址：${next.protocol}`);
  if (next.username !== '' || next.password !== '') throw new FetchFailure('REDIRECT_CREDENTIALS', '跳转地址中含有用户名或密码，不予访问');
  next.hash = '';
  return next;
}

function bodyOf(r: RawResponse): Buffer {
  const enc = (r.contentEncoding ?? 'identity').trim().toLowerCase();
  if (enc === 'identity' || enc === '') return r.body;
  // We ask for identity; a server that compresses anyway is decoded within the same cap.
  const opts = { maxOutputLength: 2 * 1024 * 1024, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return zlib.gunzipSync(r.body, opts);
    if (enc === 'deflate') return zlib.inflateSync(r.body, opts);
    if (enc === 'br') return zlib.brotliDecompressSync(r.body, { maxOutputLength: opts.maxOutputLength });
  } catch {
    throw new FetchFailure('BAD_CONTENT_ENCODING', `无法解压响应内容（${enc}）`);
  }
  throw new FetchFailure('BAD_CONTENT_ENCODING', `不支持的内容编码（${enc}）`);
}

/** `scheme://name/` from `address`, followed to its final page. Never throws: failures are observations. */
export async function fetchHome(settings: SiteCheckSettings, scheme: 'http' | 'https', target: SiteCheckTarget, address: string, deadline: number): Promise<FetchObservation> {
  const obs: FetchObservation = {
    scheme,
    hops: [],
    finalUrl: null,
    status: null,
    error: null,
    tls: null,
    contentType: null,
    bytes: 0,
    truncated: false,
    charset: null,
    title: null,
    icp: null,
    badgePresent: null,
  };
  let url = new URL(`${scheme}://${target.englishDomain}/`);
  let pinned = address;
  const seen = new Set<string>();
  try {
    for (;;) {
      seen.add(url.href);
      const port = url.port === '' ? settings.ports[url.protocol === 'https:' ? 'https' : 'http'] : Number(url.port);
      const hop: HopObservation = { url: url.href, address: pinned, status: null };
      obs.hops.push(hop);
      const res = await requestOnce(settings, { url, address: pinned, port }, deadline);
      hop.status = res.status;
      obs.status = res.status;
      obs.finalUrl = url.href;
      if (res.tls !== null) obs.tls = res.tls;
      if (redirectStatuses.has(res.status) && res.location !== null) {
        if (obs.hops.length > settings.maxRedirects) throw new FetchFailure('TOO_MANY_REDIRECTS', `跳转次数超过 ${settings.maxRedirects} 次`);
        const next = nextUrl(url, res.location);
        if (seen.has(next.href)) throw new FetchFailure('REDIRECT_LOOP', `跳转形成循环（${next.href}）`);
        if (hostOf(next) !== hostOf(url)) pinned = await addressFor(settings, hostOf(next), deadline);
        url = next;
        continue;
      }
      obs.contentType = res.contentType;
      obs.bytes = res.body.length;
      obs.truncated = res.truncated;
      if (res.contentType === null || htmlish.test(res.contentType)) {
        const { text, charset } = decodePage(bodyOf(res), res.contentType);
        obs.charset = charset.charset;
        obs.title = extractTitle(text);
        obs.icp = findIcpNumber(text);
        obs.badgePresent = target.badgePublicId ? hasBadgeScript(text, target.badgePublicId) : null;
      }
      return obs;
    }
  } catch (err) {
    const f = err instanceof FetchFailure ? err : new FetchFailure('EUNKNOWN', `访问失败（${String(err)}）`);
    obs.error = { code: f.code, message: f.message };
    return obs;
  }
}
