/**
 * The badge images (SVG): red for 党政机关, blue for 事业单位, grey with a red frame for the error
 * badge. Their URLs carry a hash of their content, so they can be cached for a year: a new design
 * gets new URLs and the scripts (short max-age) pick them up.
 */
import { createHash } from 'node:crypto';
import type { UnitType } from '../../domain/types.js';

export type BadgeImageKind = 'red' | 'blue' | 'error';

const svg = (fill: string, stroke: string, top: string, bottom: string, star: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="112" height="40" viewBox="0 0 112 40">` +
  `<rect x="0.5" y="0.5" width="111" height="39" rx="4" fill="${fill}" stroke="${stroke}"/>` +
  `<circle cx="20" cy="20" r="13" fill="${star}"/>` +
  `<path d="M20 10l2.6 7.3h7.6l-6.2 4.5 2.4 7.4-6.4-4.6-6.4 4.6 2.4-7.4-6.2-4.5h7.6z" fill="${fill}"/>` +
  `<text x="72" y="18" font-family="sans-serif" font-size="13" font-weight="bold" fill="#fff" text-anchor="middle">${top}</text>` +
  `<text x="72" y="33" font-family="sans-serif" font-size="10" fill="#fff" text-anchor="middle">${bottom}</text></svg>`;

const bodies: Record<BadgeImageKind, string> = {
  red: svg('#c8161d', '#8f0e13', '党政机关', '网站标识', '#ffd200'),
  blue: svg('#1456a0', '#0c3a6e', '事业单位', '网站标识', '#ffffff'),
  error: svg('#8c8c8c', '#c8161d', '标识无效', '点击查看原因', '#f0f0f0'),
};

export interface BadgeImage {
  kind: BadgeImageKind;
  file: string;
  body: Buffer;
  etag: string;
}

export const badgeImages: Record<BadgeImageKind, BadgeImage> = Object.fromEntries(
  (Object.keys(bodies) as BadgeImageKind[]).map((kind) => {
    const body = Buffer.from(bodies[kind]);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    return [kind, { kind, file: `${kind}-${hash}.svg`, body, etag: `"${hash}"` }];
  }),
) as Record<BadgeImageKind, BadgeImage>;

export const imageByFile = new Map(Object.values(badgeImages).map((i) => [i.file, i]));

export const imageFor = (type: UnitType): BadgeImage => (type === 'party_government' ? badgeImages.red : badgeImages.blue);

export const imageAlt: Record<BadgeImageKind, string> = { red: '党政机关网站标识', blue: '事业单位网站标识', error: '网站标识无效' };
