import { describe, expect, it } from 'vitest';
import { compareTitle, decodeEntities, describeTitleDifference, diffChars, extractTitle, normaliseTitle } from './title.js';

describe('the title the browser tab shows', () => {
  it('is the first <title>, whitespace collapsed and references decoded', () => {
    expect(extractTitle('<head><title>\n  杭州市&nbsp;财政局 &amp; 首页\t</title></head>')).toBe('杭州市 财政局 & 首页');
    expect(extractTitle('<title lang="zh">&#x676d;&#24030;</title>')).toBe('杭州');
  });

  it('ignores titles in comments, scripts and SVG', () => {
    expect(extractTitle('<!-- <title>旧标题</title> --><script>document.write("<title>x</title>")</script><svg><title>图标</title></svg><title>新标题</title>')).toBe('新标题');
  });

  it('is null when the page has none', () => {
    expect(extractTitle('<html><body>没有标题</body></html>')).toBeNull();
  });

  it('decodes unknown references as themselves', () => {
    expect(decodeEntities('A&unknown;B&#0;')).toBe('A&unknown;B\ufffd');
  });
});

describe('网站名称 against the title', () => {
  it('folds full-width forms and whitespace', () => {
    expect(normaliseTitle('杭州市　财政局（ＨＺ）')).toBe('杭州市 财政局(HZ)');
    expect(compareTitle('杭州市财政局(门户网站)', '杭州市财政局（门户网站）').equal).toBe(true);
    expect(compareTitle('宁波市 教育局', '宁波市\u00a0\u00a0教育局 ').equal).toBe(true);
  });

  it('shows exactly what differs', () => {
    const c = compareTitle('杭州市财政局', '杭州市财政局 - 首页');
    expect(c.equal).toBe(false);
    expect(c.segments).toEqual([
      { op: 'same', text: '杭州市财政局' },
      { op: 'extra', text: ' - 首页' },
    ]);
    expect(describeTitleDifference(c)).toBe('网页标题多出 “ - 首页”');
  });

  it('names characters missing from the title', () => {
    const c = compareTitle('杭州市第一人民医院', '杭州第一医院');
    expect(c.segments.filter((s) => s.op === 'missing').map((s) => s.text)).toEqual(['市', '人民']);
    expect(describeTitleDifference(c)).toContain('网站名称中的 “市”、“人民” 在网页标题中没有');
  });

  it('diffs reassemble both sides', () => {
    const segs = diffChars('abcdef', 'xbcdyf');
    expect(segs.filter((s) => s.op !== 'extra').map((s) => s.text).join('')).toBe('abcdef');
    expect(segs.filter((s) => s.op !== 'missing').map((s) => s.text).join('')).toBe('xbcdyf');
  });
});
