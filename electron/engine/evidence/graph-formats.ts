// Engine. The selection's account graph for other tools: GraphML and GEXF (Gephi, yEd) and
// Cytoscape JSON. One node per account, one undirected edge per linked pair, with the cluster,
// verdict and link reasons as attributes. Sorted, so the same data gives the same bytes.
import { xmlSafe } from './escape';
import { forceLayout, seedOf } from './layout';
import type { PacketData } from './packet-types';

interface GNode {
  id: string;
  cluster: string;
  verdict: string;
  exchanges: number;
  tags: string;
  x: number;
  y: number;
}
interface GEdge {
  id: string;
  source: string;
  target: string;
  weight: number;
  signals: string;
}

export function graphOf(data: PacketData): { nodes: GNode[]; edges: GEdge[] } {
  const accounts = [...data.accounts].sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  const ids = new Set(accounts.map((a) => a.accountId));
  const links = data.links
    .filter((l) => ids.has(l.a) && ids.has(l.b) && l.a !== l.b)
    .map((l) => (l.a < l.b ? l : { ...l, a: l.b, b: l.a }))
    .sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
  const pos = forceLayout(
    accounts.map((a) => a.accountId),
    links,
    seedOf(data.selection.clusterIds.join('|')),
    accounts.length > 400 ? 40 : 150,
  );
  const nodes = accounts.map((a) => {
    const p = pos.get(a.accountId) ?? { x: 0.5, y: 0.5 };
    return {
      id: a.accountId,
      cluster: a.clusterId,
      verdict: a.verdict ?? '',
      exchanges: a.exchanges,
      tags: a.tags.join(';'),
      x: Math.round(p.x * 1000 * 10) / 10,
      y: Math.round(p.y * 1000 * 10) / 10,
    };
  });
  const edges = links.map((l, i) => ({ id: `e${i}`, source: l.a, target: l.b, weight: l.weight, signals: [...l.signals].sort().join(';') }));
  return { nodes, edges };
}

export function graphml(data: PacketData): string {
  const { nodes, edges } = graphOf(data);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '<key id="cluster" for="node" attr.name="cluster" attr.type="string"/>',
    '<key id="verdict" for="node" attr.name="verdict" attr.type="string"/>',
    '<key id="exchanges" for="node" attr.name="exchanges" attr.type="int"/>',
    '<key id="tags" for="node" attr.name="tags" attr.type="string"/>',
    '<key id="x" for="node" attr.name="x" attr.type="double"/>',
    '<key id="y" for="node" attr.name="y" attr.type="double"/>',
    '<key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '<key id="signals" for="edge" attr.name="signals" attr.type="string"/>',
    '<graph id="linkwork" edgedefault="undirected">',
  ];
  for (const n of nodes) {
    out.push(
      `<node id="${xmlSafe(n.id)}"><data key="cluster">${xmlSafe(n.cluster)}</data><data key="verdict">${xmlSafe(n.verdict)}</data><data key="exchanges">${n.exchanges}</data><data key="tags">${xmlSafe(n.tags)}</data><data key="x">${n.x}</data><data key="y">${n.y}</data></node>`,
    );
  }
  for (const e of edges) {
    out.push(`<edge id="${e.id}" source="${xmlSafe(e.source)}" target="${xmlSafe(e.target)}"><data key="weight">${e.weight}</data><data key="signals">${xmlSafe(e.signals)}</data></edge>`);
  }
  out.push('</graph>', '</graphml>', '');
  return out.join('\n');
}

export function gexf(data: PacketData): string {
  const { nodes, edges } = graphOf(data);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
    `<meta lastmodifieddate="${xmlSafe(data.dataAsOf.slice(0, 10))}"><creator>Linkwork ${xmlSafe(data.appVersion)}</creator><description>${xmlSafe(`Account links, case ${data.caseName}`)}</description></meta>`,
    '<graph defaultedgetype="undirected" mode="static">',
    '<attributes class="node"><attribute id="cluster" title="cluster" type="string"/><attribute id="verdict" title="verdict" type="string"/><attribute id="exchanges" title="exchanges" type="integer"/><attribute id="tags" title="tags" type="string"/></attributes>',
    '<attributes class="edge"><attribute id="signals" title="signals" type="string"/></attributes>',
    '<nodes>',
  ];
  for (const n of nodes) {
    out.push(
      `<node id="${xmlSafe(n.id)}" label="${xmlSafe(n.id)}"><attvalues><attvalue for="cluster" value="${xmlSafe(n.cluster)}"/><attvalue for="verdict" value="${xmlSafe(n.verdict)}"/><attvalue for="exchanges" value="${n.exchanges}"/><attvalue for="tags" value="${xmlSafe(n.tags)}"/></attvalues><viz:position x="${n.x}" y="${n.y}" z="0"/></node>`,
    );
  }
  out.push('</nodes>', '<edges>');
  for (const e of edges) {
    out.push(`<edge id="${e.id}" source="${xmlSafe(e.source)}" target="${xmlSafe(e.target)}" weight="${e.weight}"><attvalues><attvalue for="signals" value="${xmlSafe(e.signals)}"/></attvalues></edge>`);
  }
  out.push('</edges>', '</graph>', '</gexf>', '');
  return out.join('\n');
}

/** Cytoscape desktop / cytoscape.js JSON (the "cyjs" export format). */
export function cyjs(data: PacketData): string {
  const { nodes, edges } = graphOf(data);
  const doc = {
    format_version: '1.0',
    generated_by: `Linkwork ${data.appVersion}`,
    target_cytoscapejs_version: '~3.0',
    data: { name: `Linkwork ${data.caseName}`, selection: data.selection.clusterIds },
    elements: {
      nodes: nodes.map((n) => ({
        data: { id: n.id, name: n.id, cluster: n.cluster, verdict: n.verdict, exchanges: n.exchanges, tags: n.tags },
        position: { x: n.x, y: n.y },
      })),
      edges: edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, weight: e.weight, signals: e.signals } })),
    },
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}
