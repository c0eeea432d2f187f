/**
 * A preview of a comment being written, with the server's Markdown rules
 * in small: paragraphs, line breaks, **bold**, *italic*, `code`, fenced
 * code, "- " lists, [links](https://…) and @mentions. Everything is
 * escaped first, and only http(s) and mailto links become links, so no
 * typed markup reaches the page. What is posted is rendered by the server.
 */
export function previewMarkdown(src: string): string {
  const out: string[] = [];
  for (const raw of splitFences(src.replace(/\r\n?/g, '\n'))) {
    if (raw.code !== undefined) {
      out.push(`<pre><code>${escape(raw.code)}</code></pre>`);
      continue;
    }
    for (const b of raw.text.split(/\n{2,}/)) {
      const lines = b.split('\n').filter((l) => l.trim() !== '');
      if (!lines.length) continue;
      if (lines.every((l) => /^\s*[-*] /.test(l))) {
        out.push('<ul>' + lines.map((l) => `<li>${inline(l.replace(/^\s*[-*] /, ''))}</li>`).join('') + '</ul>');
      } else {
        out.push(`<p>${lines.map(inline).join('<br>')}</p>`);
      }
    }
  }
  return out.join('');
}

function splitFences(src: string): { text: string; code?: string }[] {
  const parts: { text: string; code?: string }[] = [];
  const re = /(^|\n)```[^\n]*\n([\s\S]*?)(\n```|$)/g;
  let last = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    parts.push({ text: src.slice(last, m.index) });
    parts.push({ text: '', code: m[2] });
    last = m.index + m[0].length;
  }
  parts.push({ text: src.slice(last) });
  return parts;
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function inline(line: string): string {
  const codes: string[] = [];
  let s = escape(line).replace(/`([^`]+)`/g, (_m, c: string) => {
    codes.push(`<code>${c}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (m, text: string, url: string) => {
    const u = url.replace(/&amp;/g, '&');
    return /^(https?:\/\/|mailto:)/i.test(u) ? `<a href="${url}" rel="nofollow noopener" target="_blank">${text}</a>` : m;
  });
  s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  s = s.replace(/(^|[^A-Za-z0-9_.`-])@([A-Za-z0-9][A-Za-z0-9_.-]{2,31})/g, '$1<span class="mention">@$2</span>');
  return s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)]);
}
