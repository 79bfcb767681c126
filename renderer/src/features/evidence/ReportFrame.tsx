// Renderer. Shows a report.html (hostile content, already escaped by the engine) in a sandboxed
// frame that can never run script: no allow-scripts, the app's inherited CSP (script-src 'self')
// and the report's own CSP (default-src 'none'). A srcdoc frame inherits the app's CSP, which
// also blocks the report's inline <style> and style="" attributes; so the report is parsed inertly
// here, its styles are taken out, and once the frame has loaded they are applied through the CSSOM
// (a constructed stylesheet and element.style), which CSP does not govern. That needs
// allow-same-origin (the parent reaching into the frame), which is safe without allow-scripts.
import { useMemo, useRef } from 'react';

interface Prepared {
  html: string;
  css: string;
}

export function prepareReport(reportHtml: string): Prepared {
  const doc = new DOMParser().parseFromString(reportHtml, 'text/html'); // inert: nothing runs, nothing loads
  const css: string[] = [];
  for (const s of [...doc.querySelectorAll('style')]) {
    css.push(s.textContent ?? '');
    s.remove();
  }
  for (const el of [...doc.querySelectorAll('[style]')]) {
    el.setAttribute('data-lw-style', el.getAttribute('style') ?? '');
    el.removeAttribute('style');
  }
  // belt and braces: the engine writes no script, link or frame; drop any that would appear
  for (const el of [...doc.querySelectorAll('script, link, iframe, frame, object, embed, base, form, meta[http-equiv="refresh" i]')]) el.remove();
  return { html: `<!DOCTYPE html>${doc.documentElement.outerHTML}`, css: css.join('\n') };
}

export function ReportFrame({ html, title }: { html: string; title: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const prepared = useMemo(() => prepareReport(html), [html]);
  const applyStyles = () => {
    const frame = ref.current;
    const doc = frame?.contentDocument;
    const win = frame?.contentWindow as (Window & typeof globalThis) | null | undefined;
    if (!doc || !win) return;
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(prepared.css);
    doc.adoptedStyleSheets = [sheet];
    for (const el of doc.querySelectorAll<HTMLElement | SVGElement>('[data-lw-style]')) el.style.cssText = el.getAttribute('data-lw-style') ?? '';
  };
  return <iframe ref={ref} className="ev-frame" title={title} sandbox="allow-same-origin" srcDoc={prepared.html} onLoad={applyStyles} data-testid="report-preview" />;
}
