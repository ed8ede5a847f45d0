import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight, html, raw } from '../../src/web/html.js';

describe('html template', () => {
  it('escapes interpolations unless raw() or nested html``', () => {
    const evil = `<img src=x onerror="alert('1')">&`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;</p>',
    );
    expect(html`<ul>${['<a>', html`<li>${'<b>'}</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>&lt;b&gt;</li></ul>');
    expect(html`${raw('<br>')}${null}${undefined}${false}${0}`.value).toBe('<br>0');
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('highlights quotes case-insensitively, merging overlaps, with everything escaped', () => {
    const text = 'A <b>raised</b> $5M & more. Raised again.';
    expect(highlight(text, ['<b>raised</b> $5M', '$5m & more', 'raised']).value).toBe(
      'A <mark>&lt;b&gt;raised&lt;/b&gt; $5M</mark><mark> &amp; more</mark>. <mark>Raised</mark> again.',
    );
    expect(highlight('<script>x</script>', ['mark', '']).value).toBe('&lt;script&gt;x&lt;/script&gt;');
    expect(highlight('no match here', ['absent']).value).toBe('no match here');
  });
});
