// The signals_json writer: the same text as JSON.stringify of the sorted, rounded signal list it
// replaces, for every weight the analysis can produce.
import { expect, it } from 'vitest';
import { signalsJsonWriter, tenThousandthsText } from '../../../electron/engine/linkage/signals-json';

const NAMES = ['ip', 'payment', 'user_agent', 'template', 'model"mix', 'asn'];

/** The former code: objects sorted by rounded weight (stable), then JSON.stringify. */
function reference(sigK: number[], sigW: number[]): string {
  const list = sigK
    .map((k, i) => ({ signal: NAMES[k]!, weight: Math.round(sigW[i]! * 1e4) / 1e4, ok: sigW[i]! > 0 }))
    .filter((s) => s.ok)
    .map(({ signal, weight }) => ({ signal, weight }));
  list.sort((x, y) => y.weight - x.weight);
  return JSON.stringify(list);
}

/** A deterministic pseudo-random sequence (no Math.random in tests). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

it('prints n / 10000 as the engine does, for every value up to 10^6 and large ones', () => {
  for (let n = 0; n <= 1_000_000; n++) if (tenThousandthsText(n) !== String(n / 1e4)) expect(tenThousandthsText(n)).toBe(String(n / 1e4));
  const rnd = lcg(7);
  for (let i = 0; i < 200_000; i++) {
    const n = Math.round(rnd() * 10 ** (1 + (i % 15)));
    if (tenThousandthsText(n) !== String(n / 1e4)) expect(tenThousandthsText(n)).toBe(String(n / 1e4));
  }
  expect(tenThousandthsText(1e15 + 3)).toBe(String((1e15 + 3) / 1e4));
});

it('writes the same text as JSON.stringify of the sorted list, ties kept in signal order', () => {
  const write = signalsJsonWriter(NAMES);
  const rnd = lcg(42);
  for (let e = 0; e < 20_000; e++) {
    const sigK: number[] = [];
    const sigW: number[] = [];
    for (let k = 0; k < NAMES.length; k++) {
      if (rnd() < 0.4) continue;
      sigK.push(k);
      const r = rnd();
      // ties, zeros, tiny weights that round to 0, and ordinary ones
      sigW.push(r < 0.1 ? 0.5 : r < 0.15 ? 0 : r < 0.2 ? 0.00003 : r < 0.25 ? -1 : rnd() * (e % 2 ? 3 : 400));
    }
    const w32 = Float32Array.from(sigW);
    expect(write(Uint8Array.from(sigK), w32, 0, sigK.length)).toBe(reference(sigK, [...w32]));
  }
  expect(write(new Uint8Array(0), new Float32Array(0), 0, 0)).toBe('[]');
});
