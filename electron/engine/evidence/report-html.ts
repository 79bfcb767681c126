// Engine. report.html: a self-contained, printable report of an evidence packet. No scripts, no
// external resources (inline CSS and SVG only); every string that came from an import or from
// an investigator is escaped. Pure: the same PacketData gives the same bytes.
import { esc } from './escape';
import { noteToSafeHtml } from './markdown-safe';
import type { PacketAccount, PacketCluster, PacketData, PacketLink, PacketNote } from './packet-types';
import { graphSvg, timelineSvg } from './svg';

const CSS = `
body{font:13px/1.45 -apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#111;max-width:1000px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:2px solid #3b6ea5;padding-bottom:3px;margin-top:28px}
h3{font-size:15px;margin:18px 0 6px}h4,h5,h6{font-size:13px;margin:10px 0 4px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;table-layout:fixed}
th,td{border:1px solid #ccc;padding:3px 5px;text-align:left;vertical-align:top;overflow-wrap:anywhere;word-break:break-word}
th{background:#eef2f7}td.n,th.n{text-align:right;width:7em}
.muted{color:#555}.tag{display:inline-block;border-radius:3px;padding:0 5px;margin:0 3px 2px 0;border:1px solid #888;font-size:11px}
.note{border-left:3px solid #3b6ea5;padding:2px 10px;margin:6px 0;background:#f7f9fc}.plain{white-space:pre-wrap}
code,.mono{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:11px}
.prompt{white-space:pre-wrap;max-height:12em;overflow:hidden}
.warn{background:#fff4e0;border:1px solid #e0a040;padding:6px 10px}
.cluster{page-break-before:always}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}h2,h3{page-break-after:avoid}tr{page-break-inside:avoid}}
`;

const fmtTs = (t: number | null) => (t === null ? '' : new Date(t).toISOString().replace('.000Z', 'Z'));
const fmtNum = (v: number, d = 3) => (Number.isInteger(v) ? String(v) : v.toFixed(d));

function tagChips(names: readonly string[], colours: Map<string, string>): string {
  return names
    .map((n) => {
      const c = colours.get(n) ?? '#888888';
      return `<span class="tag" style="border-color:${esc(safeColour(c))}">${esc(n)}</span>`;
    })
    .join('');
}

/** Only #rgb / #rrggbb colours reach a style attribute. */
export function safeColour(c: string): string {
  return /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(c) ? c : '#888888';
}

function notesHtml(notes: readonly PacketNote[]): string {
  if (notes.length === 0) return '';
  return notes
    .map((n) => `<div class="note"><div class="muted">${esc(n.updatedAt)}</div>${noteToSafeHtml(n.format, n.body)}</div>`)
    .join('');
}

function linksTable(links: readonly PacketLink[], max = 25): string {
  if (links.length === 0) return '<p class="muted">No links among these accounts.</p>';
  const top = [...links].sort((x, y) => y.weight - x.weight || (x.a + x.b < y.a + y.b ? -1 : 1)).slice(0, max);
  const rows = top
    .map((l) => {
      const shared = l.shared
        .slice(0, 6)
        .map(
          (v) =>
            `<div><b>${esc(v.signal)}</b> <span class="mono">${esc(v.value)}</span> <span class="muted">(weight ${fmtNum(v.weight)}, shared by ${v.degree}; rows ${esc(v.examples.slice(0, 3).map((r) => `${r.file}:${r.line}`).join(', '))})</span></div>`,
        )
        .join('');
      return `<tr><td class="mono">${esc(l.a)}</td><td class="mono">${esc(l.b)}</td><td class="n">${fmtNum(l.weight)}</td><td>${shared || esc(l.signals.join(', '))}</td></tr>`;
    })
    .join('');
  const more = links.length > max ? `<p class="muted">The ${max} strongest of ${links.length} links are shown; links.csv has all of them.</p>` : '';
  return `<table><thead><tr><th style="width:14%">account</th><th style="width:14%">account</th><th class="n">weight</th><th>shared values (weight, accounts sharing it, example source rows)</th></tr></thead><tbody>${rows}</tbody></table>${more}`;
}

function accountsTable(accounts: readonly PacketAccount[], colours: Map<string, string>, max = 200): string {
  const rows = accounts
    .slice(0, max)
    .map(
      (a) =>
        `<tr><td class="mono">${esc(a.accountId)}</td><td>${esc(fmtTs(a.createdAt))}</td><td class="mono">${esc(a.email)}</td><td class="mono">${esc(a.paymentFingerprint)}</td><td class="mono">${esc(a.signupIp)}</td><td class="n">${a.exchanges}</td><td>${esc(a.verdict ?? '')}</td><td>${tagChips(a.tags, colours)}</td></tr>`,
    )
    .join('');
  const more = accounts.length > max ? `<p class="muted">${max} of ${accounts.length} accounts shown; accounts.csv has all of them.</p>` : '';
  return `<table><thead><tr><th>account</th><th>created</th><th>email</th><th>payment</th><th>sign-up IP</th><th class="n">exchanges</th><th>verdict</th><th>tags</th></tr></thead><tbody>${rows}</tbody></table>${more}`;
}

function clusterSection(c: PacketCluster, data: PacketData, colours: Map<string, string>): string {
  const members = new Set(c.accounts);
  const accounts = data.accounts.filter((a) => a.clusterId === c.id);
  const links = data.links.filter((l) => members.has(l.a) && members.has(l.b));
  const verdictOf = new Map(accounts.map((a) => [a.accountId, a.verdict]));
  const picture = graphSvg(
    c.accounts.map((id) => ({ id, group: c.id, flag: (verdictOf.get(id) ?? null) as never })),
    links.map((l) => ({ a: l.a, b: l.b, weight: l.weight })),
    { seedText: c.id },
  );
  const reasons = c.reasons
    .map((r) => `<tr><td>${esc(r.signal)}</td><td class="n">${fmtNum(r.contribution)}</td><td>${esc(r.detail)}</td></tr>`)
    .join('');
  const samples = data.exchanges.rows.filter((e) => members.has(e.accountId)).slice(0, 15);
  const sampleRows = samples
    .map(
      (e) =>
        `<tr><td>${esc(fmtTs(e.ts))}</td><td class="mono">${esc(e.accountId)}</td><td class="mono">${esc(e.ip)}</td><td>${esc(e.model)}</td><td class="mono">${esc(e.userAgent)}</td><td><div class="prompt">${esc(e.prompt ?? '(prompt not kept)')}</div></td><td class="mono">${esc(`${e.file}:${e.line}`)}</td></tr>`,
    )
    .join('');
  const notes = data.notes.filter((n) => n.targetKind === 'cluster' && n.targetId === c.id);
  return `<section class="cluster" id="cluster-${esc(c.id)}">
<h2>Cluster ${esc(c.id)}</h2>
<p><b>${c.size}</b> accounts, <b>${c.exchanges}</b> exchanges, ${esc(fmtTs(c.firstTs))} to ${esc(fmtTs(c.lastTs))}. Campaign score <b>${fmtNum(c.score)}</b>${c.flagged ? ' (flagged)' : ''}. ${c.tags.length ? `Tags: ${tagChips(c.tags, colours)}` : ''}</p>
<h3>Why this cluster scores as it does</h3>
<table><thead><tr><th style="width:22%">signal</th><th class="n">contribution</th><th>detail</th></tr></thead><tbody>${reasons}</tbody></table>
<p class="muted">A score is evidence, not a verdict: each feature's contribution is shown so it can be checked.</p>
${notes.length ? `<h3>Investigator notes</h3>${notesHtml(notes)}` : ''}
<h3>Activity timeline</h3>
${timelineSvg(c.timeline, { title: `Exchanges over time, cluster ${c.id}` })}
<h3>Graph</h3>
${picture}
<h3>Why the accounts are linked</h3>
${linksTable(links)}
<h3>Accounts</h3>
${accountsTable(accounts, colours)}
<h3>Sample exchanges</h3>
${samples.length ? `<table><thead><tr><th>time</th><th>account</th><th>IP</th><th>model</th><th>user agent</th><th style="width:30%">prompt</th><th>source row</th></tr></thead><tbody>${sampleRows}</tbody></table>` : '<p class="muted">No exchanges.</p>'}
</section>`;
}

export function reportHtml(data: PacketData): string {
  const colours = new Map(data.tags.map((t) => [t.name, t.color]));
  const totalAccounts = data.accounts.length;
  const totalEx = data.clusters.reduce((s, c) => s + c.exchanges, 0);
  const first = Math.min(...data.clusters.map((c) => c.firstTs ?? Infinity));
  const last = Math.max(...data.clusters.map((c) => c.lastTs ?? -Infinity));
  const verdicts = new Map<string, number>();
  for (const a of data.accounts) if (a.verdict) verdicts.set(a.verdict, (verdicts.get(a.verdict) ?? 0) + 1);
  const summaryRows = data.clusters
    .map(
      (c) =>
        `<tr><td class="mono"><a href="#cluster-${esc(c.id)}">${esc(c.id)}</a></td><td class="n">${c.size}</td><td class="n">${fmtNum(c.score)}</td><td class="n">${c.exchanges}</td><td>${esc(c.reasons.slice(0, 3).map((r) => r.signal).join(', '))}</td><td>${tagChips(c.tags, colours)}</td></tr>`,
    )
    .join('');
  const caseNotes = data.notes.filter((n) => n.targetKind === 'case');
  const accountNotes = data.notes.filter((n) => n.targetKind === 'account');
  const tagRows = data.tags.map((t) => `<tr><td>${tagChips([t.name], colours)}</td><td>${esc(t.description)}</td></tr>`).join('');
  const sources = data.sources
    .map(
      (s) =>
        `<tr><td class="mono">${esc(s.fileName)}</td><td>${esc(s.kind)} / ${esc(s.format)}</td><td class="n">${s.rows}</td><td class="n">${s.sizeBytes}</td><td class="mono">${esc(s.sha256)}</td><td>${s.firstTs && s.lastTs ? `${esc(s.firstTs)} to ${esc(s.lastTs)}` : ''}</td><td>${esc(s.finishedAt ?? '')}</td></tr>`,
    )
    .join('');
  const params = data.analysis
    ? `<p>Analysis <span class="mono">${esc(data.analysis.id)}</span> run at ${esc(data.analysis.at)}.</p><pre class="mono">${esc(JSON.stringify(data.analysis.params, null, 2))}</pre>`
    : '<p class="muted">No analysis record found in the case.</p>';
  const exNote = data.exchanges.sampled
    ? `exchanges.jsonl holds a bounded sample of ${data.exchanges.rows.length} of the selection's ${data.exchanges.total} exchanges (at most ${data.exchanges.limit}).`
    : `exchanges.jsonl holds all ${data.exchanges.total} exchanges of the selection.`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence packet: ${esc(data.caseName)}</title><style>${CSS}</style></head><body>
<h1>Evidence packet: ${esc(data.caseName)}</h1>
<p class="muted">Case <span class="mono">${esc(data.caseId)}</span>. Data as of ${esc(data.dataAsOf)}. Linkwork ${esc(data.appVersion)}. Selection: ${data.selection.tag !== null ? `tag ${esc(data.selection.tag)}` : `clusters ${esc(data.selection.clusterIds.join(', '))}`}.</p>
${data.pseudonymised ? '<p class="warn">Pseudonymised: emails, IP addresses, card and device fingerprints are replaced by keyed hashes. Equal tokens mean equal values.</p>' : ''}
<h2>Summary</h2>
<p><b>${data.clusters.length}</b> cluster(s), <b>${totalAccounts}</b> accounts, <b>${totalEx}</b> exchanges${Number.isFinite(first) ? `, from ${esc(fmtTs(first))} to ${esc(fmtTs(last))}` : ''}.${verdicts.size ? ` Verdicts: ${esc([...verdicts].sort().map(([v, n]) => `${v} ${n}`).join(', '))}.` : ''}</p>
<table><thead><tr><th>cluster</th><th class="n">accounts</th><th class="n">score</th><th class="n">exchanges</th><th>top reasons</th><th>tags</th></tr></thead><tbody>${summaryRows}</tbody></table>
${caseNotes.length ? `<h3>Case notes</h3>${notesHtml(caseNotes)}` : ''}
${data.tags.length ? `<h3>Tags used</h3><table><tbody>${tagRows}</tbody></table>` : ''}
${data.clusters.map((c) => clusterSection(c, data, colours)).join('\n')}
${accountNotes.length ? `<h2>Notes on accounts</h2>${accountNotes.map((n) => `<h4 class="mono">${esc(n.targetId)}</h4>${notesHtml([n])}`).join('')}` : ''}
<h2>Analysis parameters</h2>
${params}
<h2>Provenance of the data</h2>
<p>Every row in this packet comes from these source exports; their SHA-256 is repeated in manifest.json.</p>
<table><thead><tr><th>file</th><th>kind / format</th><th class="n">rows</th><th class="n">bytes</th><th style="width:30%">SHA-256</th><th>rows' times (UTC)</th><th>imported</th></tr></thead><tbody>${sources}</tbody></table>
<p>${esc(exNote)} The audit log entries that concern this selection are in audit.jsonl${data.auditHead ? `; the case's audit chain head is entry ${data.auditHead.seq}, <span class="mono">${esc(data.auditHead.hash)}</span>` : ''}.</p>
<p class="muted">Verify this packet with <span class="mono">linkwork verify &lt;packet&gt;</span>: it recomputes the SHA-256 of every file listed in manifest.json.</p>
</body></html>
`;
}
