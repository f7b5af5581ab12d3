import type { PublicSite } from '../../app/public/public-site.js';
import { badgeImages, imageAlt, imageFor } from './badge-images.js';
import { esc } from './html.js';

/** The badge as static HTML (red page, verification page): no script needed. */
export function badgeHtml(site: PublicSite, base: string): string {
  const img = site.status === 'active' ? imageFor(site.unit.type) : badgeImages.error;
  return `<span class="badge" data-zm-badge="${site.status === 'active' ? 'valid' : 'error'}"><a href="${esc(`${base}/verify/${site.publicId}?v=${site.badgeVersion}`)}"><img src="${esc(`${base}/badge/img/${img.file}`)}" alt="${esc(imageAlt[img.kind])}" width="112" height="40"></a></span>`;
}
