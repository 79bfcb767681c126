// Community detection again inside each community: a sparse group hanging off a dense one by a
// link or two, which modularity over a whole large component leaves in one community, comes apart;
// a campaign's pieces are glued back by the usual rules.
import { expect, it } from 'vitest';
import { mergeStronglyJoined, refineCommunities } from '../../../electron/engine/linkage/clustering';

it('separates a sparse group joined to a dense one by two links, and keeps the dense one whole', () => {
  const edges: { u: number; v: number; w: number }[] = [];
  // dense: 40 accounts, every pair linked (a campaign); sparse: 60 accounts in a ring with chords
  for (let i = 0; i < 40; i++) for (let j = i + 1; j < 40; j++) edges.push({ u: i, v: j, w: 3 });
  for (let i = 0; i < 60; i++) {
    edges.push({ u: 40 + i, v: 40 + ((i + 1) % 60), w: 2 });
    if (i % 3 === 0) edges.push({ u: 40 + i, v: 40 + ((i + 7) % 60), w: 2 });
  }
  edges.push({ u: 5, v: 40, w: 3.5 }, { u: 9, v: 70, w: 3.5 });
  // as the whole component's detection left them: one community
  const community = new Int32Array(100);
  const refined = refineCommunities(100, edges, community, 8, 42, 1);
  const merged = mergeStronglyJoined(100, edges, refined, 0.1, 0.5, 0.5, 3);
  expect(new Set(merged.slice(0, 40)).size).toBe(1);
  for (let i = 40; i < 100; i++) expect(merged[i]).not.toBe(merged[0]);
  // small communities are left as they are
  const tiny = refineCommunities(100, edges, Int32Array.from({ length: 100 }, (_, i) => i), 8, 42, 1);
  expect(new Set(tiny).size).toBe(100);
});
