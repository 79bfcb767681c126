// Integration: export evidence packets from a real case file and verify them.
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { exportJob, type ExportParams, type ExportResult } from '../../../electron/engine/evidence/export-job';
import { readPacket, readZip } from '../../../electron/engine/evidence/packet-io';
import { findChromium } from '../../../electron/engine/evidence/pdf';
import { verifyPacket } from '../../../electron/engine/evidence/verify-packet';
import type { JobContext } from '../../../electron/engine/jobs/job-context';
import { CaseSession } from '../../../electron/engine/session';
import { HOSTILE } from '../../../electron/engine/simulator/vocab';
import { saveNote } from '../../../electron/engine/workflow/notes';
import { setTagged } from '../../../electron/engine/workflow/tags';
import { setVerdicts } from '../../../electron/engine/workflow/verdicts';
import { pdfText } from '../../unit/evidence/pdf-text';
import { fixtureCase } from './fixture-case';

async function runExport(path: string, params: ExportParams): Promise<ExportResult> {
  const s = CaseSession.open(path);
  const ctx: JobContext = { db: s.db, casePath: path, progress: () => {}, isCancelled: () => false, checkCancelled: () => {} };
  try {
    return await exportJob(ctx, params);
  } finally {
    s.close();
  }
}

function prepared() {
  const f = fixtureCase();
  const s = CaseSession.open(f.path);
  setTagged(s.db, { tag: 'Hydra-7', kind: 'cluster', ids: ['C-alpha'], on: true, color: '#cc0000' });
  setVerdicts(s.db, { accountIds: ['acct-2'], verdict: 'confirmed_member' });
  saveNote(s.db, { targetKind: 'cluster', targetId: 'C-alpha', format: 'markdown', body: 'Shared **card** <script>alert(1)</script>' });
  saveNote(s.db, { targetKind: 'case', targetId: '', format: 'text', body: 'Case opened after a partner tip.' });
  s.close();
  return f;
}

const flip = (b: Buffer, at: number) => {
  const c = Buffer.from(b);
  c[at] = c[at]! ^ 0x01;
  return c;
};

describe('evidence export', () => {
  it('exports a folder that verifies; changing one byte of any file fails and names it', async () => {
    const f = prepared();
    const out = join(f.dir, 'packet');
    const r = await runExport(f.path, { tag: 'Hydra-7', out, noPdf: true });
    expect(r.clusterIds).toEqual(['C-alpha']);
    const names = r.files.map((x) => x.path);
    expect(names).toEqual(['accounts.csv', 'audit.jsonl', 'exchanges.jsonl', 'graph.cyjs', 'graph.gexf', 'graph.graphml', 'indicators.stix.json', 'links.csv', 'report.html', 'values.csv']);
    expect((await verifyPacket(out)).ok).toBe(true);
    for (const name of names) {
      const p = join(out, name);
      const orig = readFileSync(p);
      writeFileSync(p, flip(orig, Math.floor(orig.length / 2)));
      const v = await verifyPacket(out);
      expect(v.ok).toBe(false);
      expect(v.problems[0]).toMatchObject({ file: name, problem: 'changed' });
      writeFileSync(p, orig);
    }
    writeFileSync(join(out, 'extra.txt'), 'x');
    expect((await verifyPacket(out)).problems[0]).toMatchObject({ file: 'extra.txt', problem: 'extra' });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.sources.map((s: { sha256: string }) => s.sha256)).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
    expect(manifest.analysis.params).toEqual({ strongEdgeWeight: 1, louvainSeed: 42 });
    expect(manifest.pdf.included).toBe(false);
  });

  it('escapes hostile strings in the HTML and neutralises them in the CSV', async () => {
    const f = prepared();
    const out = join(f.dir, 'packet');
    await runExport(f.path, { clusterIds: ['C-alpha', 'C-beta'], out, noPdf: true });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\son(error|load)\s*=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('\u202E');
    expect(html).not.toContain('\u0007');
    expect(html).not.toMatch(/(src|href)=["']?(https?:|\/\/)/i);
    expect(html).toContain('<svg');
    expect(html).toContain('Hydra-7');
    // each source with the times its rows cover (unknown for an import that did not record them)
    expect(html).toContain('<td>2026-04-22T00:00:00.000Z to 2026-05-31T23:59:00.000Z</td>');
    const csv = readFileSync(join(out, 'accounts.csv'), 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")@x.com"`);
    expect(csv).toContain("'+cmd@x.com");
    expect(csv).toContain("'@SUM(1)@y.com");
    for (const file of ['accounts.csv', 'links.csv', 'values.csv']) {
      const text = readFileSync(join(out, file), 'utf8');
      for (const line of text.split('\r\n')) {
        for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@\t\r]|^-[^\d]/);
      }
    }
    const values = readFileSync(join(out, 'values.csv'), 'utf8');
    expect(values).toContain("'=cmd|calc");
    expect(readFileSync(join(out, 'exchanges.jsonl'), 'utf8').split('\n').filter(Boolean).length).toBe(56);
    expect(JSON.stringify(readFileSync(join(out, 'exchanges.jsonl'), 'utf8'))).toContain(JSON.stringify(HOSTILE[1]!).slice(1, -1));
  });

  it('GraphML and GEXF re-import with graphology with the same node and edge counts', async () => {
    const f = prepared();
    const out = join(f.dir, 'packet');
    await runExport(f.path, { clusterIds: ['C-alpha', 'C-beta'], out, noPdf: true });
    const gml = parseGraphml(Graph, readFileSync(join(out, 'graph.graphml'), 'utf8'));
    const gexf = parseGexf(Graph, readFileSync(join(out, 'graph.gexf'), 'utf8'));
    const cy = JSON.parse(readFileSync(join(out, 'graph.cyjs'), 'utf8'));
    for (const g of [gml, gexf]) {
      expect(g.order).toBe(7);
      expect(g.size).toBe(6 + 3);
    }
    expect(cy.elements.nodes).toHaveLength(7);
    expect(cy.elements.edges).toHaveLength(9);
    expect(gml.getNodeAttribute('acct-1', 'cluster')).toBe('C-alpha');
    expect(gexf.getNodeAttribute('acct-2', 'verdict')).toBe('confirmed_member');
  });

  it('STIX bundle holds indicators for shared values', async () => {
    const f = prepared();
    const out = join(f.dir, 'packet');
    await runExport(f.path, { clusterIds: ['C-alpha', 'C-beta'], out, noPdf: true });
    const bundle = JSON.parse(readFileSync(join(out, 'indicators.stix.json'), 'utf8'));
    expect(bundle.type).toBe('bundle');
    const patterns = bundle.objects.filter((o: { type: string }) => o.type === 'indicator').map((o: { pattern: string }) => o.pattern);
    expect(patterns).toContain("[ipv4-addr:value = '203.0.113.7']");
    expect(patterns).toContain("[x-linkwork-payment-card:fingerprint = 'fp-card-1']");
    expect(patterns).toContain("[x-linkwork-prompt-template:fingerprint = '000000000012d688']");
    expect(patterns.some((p: string) => p.includes('User-Agent'))).toBe(true);
    expect(bundle.objects.filter((o: { type: string }) => o.type === 'grouping')).toHaveLength(2);
    for (const o of bundle.objects) expect(o.id).toMatch(/^[a-z-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('the same input gives the same bytes apart from the creation time; zips match too', async () => {
    const f = prepared();
    const a = await runExport(f.path, { clusterIds: ['C-alpha'], out: join(f.dir, 'a'), noPdf: true });
    const b = await runExport(f.path, { clusterIds: ['C-alpha'], out: join(f.dir, 'b'), noPdf: true });
    expect(b.files).toEqual(a.files);
    const ma = JSON.parse(readFileSync(join(f.dir, 'a', 'manifest.json'), 'utf8'));
    const mb = JSON.parse(readFileSync(join(f.dir, 'b', 'manifest.json'), 'utf8'));
    expect({ ...mb, createdAt: '' }).toEqual({ ...ma, createdAt: '' });
    const za = await runExport(f.path, { clusterIds: ['C-alpha'], out: join(f.dir, 'a.zip'), noPdf: true });
    expect(za.files).toEqual(a.files);
    expect((await verifyPacket(join(f.dir, 'a.zip'))).ok).toBe(true);
    const zipped = await readZip(join(f.dir, 'a.zip'));
    const folder = await readPacket(join(f.dir, 'a'));
    for (const x of a.files) expect(Buffer.from(zipped.get(x.path)!).equals(Buffer.from(folder.get(x.path)!))).toBe(true);
    // a changed byte inside the zip is named
    const zipBytes = readFileSync(join(f.dir, 'a.zip'));
    const tampered = join(f.dir, 'tampered.zip');
    const files = await readZip(join(f.dir, 'a.zip'));
    const zip = new yazl.ZipFile();
    for (const [name, bytes] of [...files].sort()) zip.addBuffer(name === 'links.csv' ? flip(Buffer.from(bytes), 3) : Buffer.from(bytes), name);
    zip.end();
    await new Promise<void>((done) => zip.outputStream.pipe(createWriteStream(tampered)).on('close', () => done()));
    expect(zipBytes.length).toBeGreaterThan(0);
    expect((await verifyPacket(tampered)).problems[0]).toMatchObject({ file: 'links.csv', problem: 'changed' });
  });

  it('refuses zip entries that would escape the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-zip-'));
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('{}'), 'manifest.json');
    zip.addBuffer(Buffer.from('pwned'), 'xx/evil.txt');
    zip.end();
    const chunks: Buffer[] = [];
    await new Promise<void>((done) => zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done()));
    // same-length rename in the local header and the central directory: xx/evil.txt -> ../evil.txt
    const evil = Buffer.from(Buffer.concat(chunks).toString('latin1').replaceAll('xx/evil.txt', '../evil.txt'), 'latin1');
    writeFileSync(join(dir, 'evil.zip'), evil);
    await expect(readZip(join(dir, 'evil.zip'))).rejects.toThrow(/Unsafe|invalid relative path|absolute path/i);
    const v = await verifyPacket(join(dir, 'evil.zip'));
    expect(v.ok).toBe(false);
    expect(existsSync(join(dir, '..', 'evil.txt'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('pseudonymises emails, IPs, card and device fingerprints consistently across files', async () => {
    const f = prepared();
    const out = join(f.dir, 'p');
    await runExport(f.path, { clusterIds: ['C-alpha', 'C-beta'], out, pseudonymise: true, noPdf: true });
    const all = (await readPacket(out));
    const text = [...all.values()].map((b) => Buffer.from(b).toString('utf8')).join('\n');
    for (const secret of ['203.0.113.7', '198.51.100.9', 'fp-card-1', 'bob@mail.example', 'dev-1', '10.0.1.1']) expect(text).not.toContain(secret);
    const accounts = Buffer.from(all.get('accounts.csv')!).toString('utf8');
    const links = Buffer.from(all.get('links.csv')!).toString('utf8');
    const cardToken = /card-[0-9a-f]{20}/.exec(accounts)![0];
    expect(links).toContain(cardToken);
    expect(Buffer.from(all.get('values.csv')!).toString('utf8')).toContain(cardToken);
    const ipToken = /ip-[0-9a-f]{20}/.exec(Buffer.from(all.get('exchanges.jsonl')!).toString('utf8'))![0];
    expect(links).toContain(ipToken);
    expect(Buffer.from(all.get('report.html')!).toString('utf8')).toContain('Pseudonymised');
    const stix = Buffer.from(all.get('indicators.stix.json')!).toString('utf8');
    expect(stix).not.toContain('ipv4-addr');
    expect(stix).not.toContain('payment-card');
    expect((await verifyPacket(out)).ok).toBe(true);
  });

  it.skipIf(!findChromium())('prints report.pdf whose text holds the cluster id and the tags', async () => {
    const f = prepared();
    const out = join(f.dir, 'with-pdf.zip');
    const r = await runExport(f.path, { tag: 'Hydra-7', out });
    expect(r.pdf.included).toBe(true);
    const files = await readZip(out);
    const pdf = Buffer.from(files.get('report.pdf')!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('C-alpha');
    expect(text).toContain('Hydra-7');
    expect((await verifyPacket(out)).ok).toBe(true);
  });
});
