// The signals_json writer: the same text as JSON.stringify of the object of sorted, rounded signal
// weights, for every weight the analysis can produce; and the reader, which reads that form and
// the list form of earlier analyses as the same signals in the same order.
import { expect, it } from 'vitest';
import { readSignalsJson, signalNamesOfJson, SignalsJsonEncoder } from '../../../electron/engine/linkage/signals-json';

const NAMES = ['ip', 'payment', 'user_agent', 'template', 'model"mix', 'asn'];

/** The list of earlier analyses: objects sorted by rounded weight (stable), then JSON.stringify. */
function listForm(sigK: number[], sigW: number[]): string {
  const list = sigK
    .map((k, i) => ({ signal: NAMES[k]!, weight: Math.round(sigW[i]! * 1e4) / 1e4, ok: sigW[i]! > 0 }))
    .filter((s) => s.ok)
    .map(({ signal, weight }) => ({ signal, weight }));
  list.sort((x, y) => y.weight - x.weight);
  return JSON.stringify(list);
}

/** The stored form: the same signals in the same order, as an object of weights. */
function reference(sigK: number[], sigW: number[]): string {
  return JSON.stringify(Object.fromEntries((JSON.parse(listForm(sigK, sigW)) as { signal: string; weight: number }[]).map((s) => [s.signal, s.weight])));
}

/** A deterministic pseudo-random sequence (no Math.random in tests). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

it('prints each weight as the engine prints it rounded, for every value up to 100 and large ones', () => {
  const enc = new SignalsJsonEncoder(NAMES);
  const out = new Uint8Array(enc.maxBytes);
  const one = new Uint8Array([0]);
  const w = new Float64Array(1);
  const check = (weight: number) => {
    w[0] = weight;
    const text = Buffer.from(out.subarray(0, enc.write(out, 0, one, w, 0, 1))).toString('latin1');
    const want = `{"ip":${String(Math.round(weight * 1e4) / 1e4)}}`;
    if (text !== want) expect(text).toBe(want);
  };
  for (let n = 1; n <= 1_000_000; n += n < 100_000 ? 1 : 7) check(n / 1e4);
  const rnd = lcg(7);
  for (let i = 0; i < 100_000; i++) check(rnd() * 10 ** (i % 16));
  check(1e11 + 0.5);
  check(1e15);
  check(1e300);
});

it('writes the same text as JSON.stringify of the sorted list, ties kept in signal order', () => {
  const enc = new SignalsJsonEncoder(NAMES);
  const out = new Uint8Array(3 * enc.maxBytes);
  // written after other text, as persist packs a batch: nothing before `pos` is touched
  const write = (sigK: Uint8Array, sigW: Float32Array, from: number, to: number) => {
    out.fill(0x21);
    const end = enc.write(out, 7, sigK, sigW, from, to);
    expect(end - 7).toBeLessThanOrEqual(enc.maxBytes);
    expect(out.subarray(0, 7).every((x) => x === 0x21)).toBe(true);
    return Buffer.from(out.subarray(7, end)).toString('latin1');
  };
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
    const text = write(Uint8Array.from(sigK), w32, 0, sigK.length);
    const want = reference(sigK, [...w32]);
    if (text !== want) expect(text).toBe(want);
    // read back: the signals of the list form, in its order (what every reader printed before)
    const list = listForm(sigK, [...w32]);
    if (JSON.stringify(readSignalsJson(text)) !== list) expect(readSignalsJson(text)).toEqual(JSON.parse(list));
    if (JSON.stringify(readSignalsJson(list)) !== list) expect(readSignalsJson(list)).toEqual(JSON.parse(list));
    if (signalNamesOfJson(text).join() !== signalNamesOfJson(list).join()) expect(signalNamesOfJson(text)).toEqual(signalNamesOfJson(list));
  }
  expect(write(new Uint8Array(0), new Float32Array(0), 0, 0)).toBe('{}');
  expect(readSignalsJson('{}')).toEqual([]);
  expect(readSignalsJson('[]')).toEqual([]);
  // every signal at the heaviest weights: within maxBytes
  const all = Uint8Array.from(NAMES.keys());
  expect(write(all, Float32Array.from(NAMES, () => 3e38), 0, NAMES.length)).toBe(reference([...all], [...Float32Array.from(NAMES, () => 3e38)]));
  expect(write(all, Float32Array.from(NAMES, (_, i) => 98_765_432.1 + i), 0, NAMES.length)).toBe(reference([...all], [...Float32Array.from(NAMES, (_, i) => 98_765_432.1 + i)]));
});

it('reads the bare names of the earliest lists, and refuses signal names that would reorder', () => {
  expect(signalNamesOfJson('["ip","template"]')).toEqual(['ip', 'template']);
  expect(signalNamesOfJson('{"template":0.5,"ip":0.25}')).toEqual(['template', 'ip']);
  expect(() => new SignalsJsonEncoder(['ip', '7'])).toThrow(/number/);
});
