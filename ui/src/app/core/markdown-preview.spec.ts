import { previewMarkdown } from './markdown-preview';

describe('previewMarkdown', () => {
  it('renders the common Markdown of comments', () => {
    expect(previewMarkdown('Hi **all**, see *this* and `a<b`\nnext line')).toBe('<p>Hi <strong>all</strong>, see <em>this</em> and <code>a&lt;b</code><br>next line</p>');
    expect(previewMarkdown('- one\n- two\n\nthanks @ada_l')).toBe('<ul><li>one</li><li>two</li></ul><p>thanks <span class="mention">@ada_l</span></p>');
    expect(previewMarkdown('```\n<b>x</b>\n```')).toBe('<pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre>');
  });

  it('never lets typed markup or script links through', () => {
    const html = previewMarkdown('<img src=x onerror=alert(1)> <script>x</script> [go](javascript:alert(1)) [ok](https://example.com/?a=1&b=2)');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<a href="https://example.com/?a=1&amp;b=2" rel="nofollow noopener" target="_blank">ok</a>');
  });

  it('leaves e-mail addresses alone', () => {
    expect(previewMarkdown('ada@example.com')).toBe('<p>ada@example.com</p>');
  });
});
