/**
 * The badge script, one per website, precomputed: it knows the hosts the badge is valid on and
 * compares them with `location.hostname` of the page embedding it, then inserts the red or blue
 * badge (or the error badge) right after its own <script> tag. It builds DOM nodes (never
 * innerHTML) and carries no user-written text, so nothing a unit typed can reach the page.
 */
import { badgeHosts, hostnameOfPublicHost } from '../../domain/websites/badge-hosts.js';
import type { PublicSite } from '../../app/public/public-site.js';
import { badgeImages, imageAlt, imageFor } from './badge-images.js';

/** JSON, safe inside a script: no `</script>`, no line separators. */
const js = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export const maxBadgeScriptBytes = 2048;

export function badgeScript(site: PublicSite, publicHost: string): string {
  const base = `//${publicHost}`;
  const hosts = badgeHosts(site, hostnameOfPublicHost(publicHost));
  const valid = imageFor(site.unit.type);
  const verify = `${base}/verify/${site.publicId}?v=${site.badgeVersion}`;
  return `/* 网站标识 ${site.badgeNumber} 第${site.badgeVersion}版 */
(function(d){var h=location.hostname.toLowerCase().replace(/\\.$/,""),H=${js(hosts)},ok=H.indexOf(h)>-1,
s=d.currentScript,e=d.createElement("span"),a=d.createElement("a"),i=d.createElement("img");
e.id="_ideZm";e.className="zm-badge";e.setAttribute("data-zm-badge",ok?"valid":"error");
a.href=${js(verify)}+(ok?"":"&host="+encodeURIComponent(h));a.target="_blank";a.rel="noopener";
i.src=ok?${js(`${base}/badge/img/${valid.file}`)}:${js(`${base}/badge/img/${badgeImages.error.file}`)};
i.alt=ok?${js(imageAlt[valid.kind])}:${js(imageAlt.error)};i.width=112;i.height=40;i.style.border="0";
a.appendChild(i);e.appendChild(a);
if(s&&s.parentNode)s.parentNode.insertBefore(e,s.nextSibling);else(d.body||d.documentElement).appendChild(e)})(document);
`;
}

/** For an id no website has: a script that does nothing (a 404 would put an error in the console either way). */
export const unknownBadgeScript = '/* 网站标识不存在 */\n';
