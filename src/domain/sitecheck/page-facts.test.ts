import { describe, expect, it } from 'vitest';
import { findIcpNumber, hasBadgeScript } from './page-facts.js';

describe('the ICP备案号 in the footer', () => {
  it('is found with or without the sub-number', () => {
    expect(findIcpNumber('<footer>版权所有 <a href="https://beian.miit.gov.cn">浙ICP备05012345号-1</a></footer>')).toBe('浙ICP备05012345号-1');
    expect(findIcpNumber('<p>京ICP备 12345678 号</p>')).toBe('京ICP备12345678号');
  });
  it('is null when absent', () => {
    expect(findIcpNumber('<p>公网安备 33010202000123号</p>')).toBeNull();
  });
});

describe('the badge script', () => {
  const id = '0123456789ABCDEF0123456789ABCDEF';
  it('is present when the page loads /badge/<id>.js', () => {
    expect(hasBadgeScript(`<script type="text/javascript" src="//zhengming.example/badge/${id}.js"></script>`, id)).toBe(true);
    expect(hasBadgeScript(`<script src='https://zhengming.example/badge/${id.toLowerCase()}.js' async></script>`, id)).toBe(true);
  });
  it('is absent for another website’s badge or a mere mention', () => {
    expect(hasBadgeScript(`<script src="//zhengming.example/badge/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF.js"></script>`, id)).toBe(false);
    expect(hasBadgeScript(`<p>/badge/${id}.js</p>`, id)).toBe(false);
  });
});
