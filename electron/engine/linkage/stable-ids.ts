// Engine. Stable cluster ids across re-analysis: a new cluster inherits the id of the previous
// cluster it overlaps most (Jaccard of member sets, greedy by overlap, each old id used once),
// so tags and notes keyed by cluster id stay attached. Otherwise its id is derived from its
// members (same data, same id), made unique.
import { createHash } from 'node:crypto';

export function assignClusterIds(groups: string[][], previous: Map<string, string[]>, minJaccard: number): string[] {
  const oldOf = new Map<string, string>();
  for (const [id, accounts] of previous) for (const a of accounts) oldOf.set(a, id);
  const candidates: { g: number; id: string; j: number }[] = [];
  groups.forEach((members, g) => {
    const overlap = new Map<string, number>();
    for (const a of members) {
      const o = oldOf.get(a);
      if (o) overlap.set(o, (overlap.get(o) ?? 0) + 1);
    }
    for (const [id, inter] of overlap) {
      const j = inter / (members.length + previous.get(id)!.length - inter);
      if (j >= minJaccard) candidates.push({ g, id, j });
    }
  });
  candidates.sort((x, y) => y.j - x.j || x.g - y.g || x.id.localeCompare(y.id));
  const ids = new Array<string | null>(groups.length).fill(null);
  const used = new Set<string>();
  for (const c of candidates) {
    if (ids[c.g] !== null || used.has(c.id)) continue;
    ids[c.g] = c.id;
    used.add(c.id);
  }
  for (const id of previous.keys()) used.add(id);
  return groups.map((members, g) => {
    const kept = ids[g];
    if (kept) return kept;
    const h = createHash('sha256').update([...members].sort().join('\n')).digest('hex');
    for (let len = 6; ; len++) {
      const id = `C-${h.slice(0, Math.min(len, 64)).toUpperCase()}`;
      if (!used.has(id) || len >= 64) {
        used.add(id);
        return id;
      }
    }
  });
}
