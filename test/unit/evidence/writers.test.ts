// Unit: the pure writers of evidence packets (CSV neutralisation, escaping, safe Markdown,
// deterministic layout, packet verification on plain values).
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../electron/engine/evidence/csv';
import { esc } from '../../../electron/engine/evidence/escape';
import { forceLayout } from '../../../electron/engine/evidence/layout';
import { buildManifest, manifestBytes } from '../../../electron/engine/evidence/manifest';
import { markdownToSafeHtml } from '../../../electron/engine/evidence/markdown-safe';
import { safeEntryName } from '../../../electron/engine/evidence/packet-io';
import type { PacketData } from '../../../electron/engine/evidence/packet-types';
import { Pseudonymiser } from '../../../electron/engine/evidence/pseudonymise';
import { verifyFiles } from '../../../electron/engine/evidence/verify-packet';
import { HOSTILE } from '../../../electron/engine/simulator/vocab';

describe('csv', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    for (const h of HOSTILE) expect(csvCell(h).replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    expect(toCsv(['a'], [['=x']])).toBe("a\r\n'=x\r\n");
  });
});

describe('escaping', () => {
  it('escapes markup, control characters and bidi overrides', () => {
    expect(esc('<script>"&\'')).toBe('&lt;script&gt;&quot;&amp;&#39;');
    expect(esc('bell\u0007')).toBe('bell\uFFFD');
    expect(esc('invoice\u202Efdp.exe')).toBe('invoice&lt;U+202E&gt;fdp.exe');
  });
  it('renders Markdown notes without ever passing HTML through', () => {
    const html = markdownToSafeHtml('# Title\n**bold** <img src=x onerror=alert(1)> [link](javascript:alert(1))\n\n- one\n- <b>two</b>\n\n```\n<script>\n```');
    expect(html).toContain('<h4>Title</h4>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img|<script|<b>|href=/);
    expect(html).toContain('<li>&lt;b&gt;two&lt;/b&gt;</li>');
  });
});

describe('layout', () => {
  it('is deterministic and stays in the unit square', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e'];
    const edges = [
      { a: 'a', b: 'b', weight: 1 },
      { a: 'b', b: 'c', weight: 2 },
      { a: 'd', b: 'e', weight: 1 },
    ];
    const p1 = forceLayout(nodes, edges, 7);
    const p2 = forceLayout([...nodes].reverse(), edges, 7);
    expect([...p1]).toEqual([...p2]);
    for (const { x, y } of p1.values()) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(1);
    }
  });
});

describe('pseudonymiser', () => {
  it('is keyed and consistent', () => {
    const a = new Pseudonymiser('s1');
    const b = new Pseudonymiser('s2');
    expect(a.token('ip', '1.2.3.4')).toBe(a.token('ip', '1.2.3.4'));
    expect(a.token('ip', '1.2.3.4')).not.toBe(b.token('ip', '1.2.3.4'));
    expect(a.ofSignal('payment', 'fp')).toMatch(/^card-[0-9a-f]{20}$/);
    expect(a.ofSignal('template', 'abc')).toBe('abc');
  });
});

describe('packet verification on plain values', () => {
  const data = { appVersion: 't', caseId: 'c', caseName: 'n', selection: { clusterIds: ['x'], tag: null }, pseudonymised: false, dataAsOf: 'd', analysis: null, sources: [], auditHead: null, exchanges: { rows: [], total: 0, sampled: false, limit: 1 } } as unknown as PacketData;
  const make = () => {
    const files = new Map<string, Uint8Array>([
      ['a.txt', Buffer.from('hello')],
      ['b.csv', Buffer.from('x,y\r\n')],
    ]);
    files.set('manifest.json', manifestBytes(buildManifest(data, files, '2026-01-01T00:00:00Z', { included: false })));
    return files;
  };
  it('passes untouched, names a changed, missing or extra file', () => {
    expect(verifyFiles(make()).ok).toBe(true);
    const changed = make();
    changed.set('b.csv', Buffer.from('x,z\r\n'));
    expect(verifyFiles(changed).problems).toEqual([expect.objectContaining({ file: 'b.csv', problem: 'changed' })]);
    const missing = make();
    missing.delete('a.txt');
    expect(verifyFiles(missing).problems[0]).toMatchObject({ file: 'a.txt', problem: 'missing' });
    const extra = make();
    extra.set('c', Buffer.from(''));
    expect(verifyFiles(extra).problems[0]).toMatchObject({ file: 'c', problem: 'extra' });
    const noManifest = make();
    noManifest.delete('manifest.json');
    expect(verifyFiles(noManifest).problems[0]).toMatchObject({ file: 'manifest.json', problem: 'missing' });
  });
  it('refuses entry names that escape a folder', () => {
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:\\x', 'a\\..\\x', '', 'a//b', './a']) expect(safeEntryName(bad)).toBe(false);
    for (const good of ['report.html', 'data/a.csv']) expect(safeEntryName(good)).toBe(true);
  });
});
