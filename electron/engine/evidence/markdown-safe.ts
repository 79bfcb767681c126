// Engine. A safe Markdown subset for notes in reports: everything is escaped first, then only
// headings, lists, paragraphs, emphasis, inline code and code blocks are formatted. Links become
// plain text with their address shown, so a report never loads or points at anything by itself.
import { esc } from './escape';

function inline(escaped: string): string {
  return escaped
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, '$1 [$2]');
}

export function markdownToSafeHtml(md: string): string {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let para: string[] = [];
  let list: string[] | null = null;
  let code: string[] | null = null;
  const flushPara = () => {
    if (para.length) out.push(`<p>${inline(esc(para.join(' ')))}</p>`);
    para = [];
  };
  const flushList = () => {
    if (list) out.push(`<ul>${list.map((i) => `<li>${inline(esc(i))}</li>`).join('')}</ul>`);
    list = null;
  };
  for (const line of lines) {
    if (code) {
      if (/^```/.test(line)) {
        out.push(`<pre><code>${esc(code.join('\n'))}</code></pre>`);
        code = null;
      } else code.push(line);
      continue;
    }
    if (/^```/.test(line)) {
      flushPara();
      flushList();
      code = [];
      continue;
    }
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    const li = /^\s*[-*+]\s+(.*)$/.exec(line);
    if (h) {
      flushPara();
      flushList();
      const level = h[1]!.length + 3; // h4..h6 inside a report section
      out.push(`<h${level}>${inline(esc(h[2]!))}</h${level}>`);
    } else if (li) {
      flushPara();
      (list ??= []).push(li[1]!);
    } else if (line.trim() === '') {
      flushPara();
      flushList();
    } else {
      flushList();
      para.push(line.trim());
    }
  }
  if (code) out.push(`<pre><code>${esc((code as string[]).join('\n'))}</code></pre>`);
  flushPara();
  flushList();
  return out.join('\n');
}

export function noteToSafeHtml(format: 'text' | 'markdown', body: string): string {
  if (format === 'markdown') return markdownToSafeHtml(body);
  return `<p class="plain">${esc(body)}</p>`;
}
