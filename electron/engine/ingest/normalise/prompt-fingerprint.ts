// Engine, ingest worker. Prompt text -> what linkage needs without keeping the text:
// - a template fingerprint: 64-bit hash of the prompt's masked token sequence (numbers, quoted
//   strings, code, URLs, emails and ids replaced), so "Solve 3x+4=7" and "Solve 5x+1=9" collide;
// - a 64-bit SimHash of the masked tokens' 3-shingles, so near-duplicate templates (a word
//   changed, a sentence added) are a few bits apart (Hamming distance) and can be found later;
// - a chain-of-thought elicitation flag and a coarse capability label.
// Pure. Only the first MAX_CHARS characters are fingerprinted (templates show in the head; a
// 10 MB prompt must not stall the import). All four are functions of the masked token sequence
// alone, and a campaign sends the same masked sequence again and again (only its numbers, ids and
// quoted strings change): a small cache keyed by that sequence, checked token for token, skips
// the hashing of every shingle for a sequence seen before.
import { mix32, toSigned64, type Hash64 } from './hash64';
import { newSink, scanPrompt, TOKEN_CODE, wordHash, type TokenSink } from './prompt-tokens';

export const MAX_CHARS = 4096;

/** The prompt with its variables masked, as text (for previews and tests). */
export function maskPrompt(text: string): string {
  const sink = newSink(256, true);
  scanPrompt(text, MAX_CHARS, sink);
  return (sink.texts ?? []).join(' ');
}

/** Keywords (masked-token hashes) that point at the capability a prompt targets. */
export const CAPABILITY_WORDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['agentic', ['agent', 'agents', 'agentic', 'tool', 'tools', 'toolcall', 'toolcalls', 'functioncall', 'functioncalling', 'browse', 'browser', 'workflow', 'subtask', 'subtasks', 'orchestrate', 'multistep', 'autonomous', 'planner']],
  ['coding', ['python', 'javascript', 'typescript', 'java', 'kotlin', 'rust', 'golang', 'sql', 'regex', 'function', 'class', 'compile', 'debug', 'refactor', 'code', 'bug', 'algorithm', 'implement', 'snippet', 'script', 'unittest', 'optimise', 'optimize', 'api']],
  ['math', ['prove', 'proof', 'theorem', 'lemma', 'equation', 'integral', 'derivative', 'probability', 'matrix', 'solve', 'calculate', 'compute']],
  ['translation', ['translate', 'translation', 'translated']],
  ['summarization', ['summarize', 'summarise', 'summary', 'tldr']],
  ['writing', ['story', 'poem', 'essay', 'letter', 'article', 'blog']],
];
/**
 * A small open-addressing set of 32-bit token hashes with a byte value each: probed once per
 * token of every prompt, so typed arrays instead of a Map (no boxing, no hashing of the key).
 */
class TokenTable {
  private keys: Int32Array;
  private vals: Int8Array;
  private mask: number;
  constructor(entries: Array<[number, number]>) {
    let size = 64;
    while (size < entries.length * 4) size *= 2;
    this.keys = new Int32Array(size);
    this.vals = new Int8Array(size).fill(-1);
    this.mask = size - 1;
    for (const [k, v] of entries) {
      let i = Math.imul(k, 0x9e3779b1) >>> 0 & this.mask;
      while (this.vals[i] !== -1 && this.keys[i] !== (k | 0)) i = (i + 1) & this.mask;
      if (this.vals[i] === -1) {
        this.keys[i] = k | 0;
        this.vals[i] = v;
      }
    }
  }
  /** the value stored for `k`, or -1 */
  get(k: number): number {
    const keys = this.keys;
    const vals = this.vals;
    const mask = this.mask;
    let i = Math.imul(k, 0x9e3779b1) >>> 0 & mask;
    for (;;) {
      const v = vals[i] ?? -1;
      if (v === -1 || keys[i] === k) return v;
      i = (i + 1) & mask;
    }
  }
}

const CAPABILITY_OF = new TokenTable(CAPABILITY_WORDS.flatMap(([, words], ci) => words.map((w): [number, number] => [wordHash(w), ci])));

/** Token sequences that ask for step-by-step reasoning (chain-of-thought elicitation). */
export const COT_PHRASES: ReadonlyArray<readonly string[]> = [
  ['step', 'by', 'step'], ['stepbystep'], ['chain', 'of', 'thought'], ['chainofthought'], ['think', 'through'], ['think', 'it', 'through'],
  ['think', 'this', 'through'], ['show', 'your', 'work'], ['show', 'your', 'reasoning'], ['show', 'all', 'your', 'work'], ['show', 'the', 'steps'],
  ['explain', 'your', 'reasoning'], ['reason', 'carefully'], ['reasoning', 'carefully'], ['lets', 'think'], ['reason', 'out', 'loud'],
  ['逐', '步'], ['一', '步', '一', '步'],
];
const COT_PATTERNS: number[][] = COT_PHRASES.map((p) => p.map(wordHash));
const COT_FIRST = new TokenTable(COT_PATTERNS.map((p): [number, number] => [p[0] ?? 0, 1]));

export interface PromptFingerprint {
  template: Hash64;
  simhash: Hash64;
  cot: boolean;
  capability: string;
  chars: number;
  /** template and simhash as SQLite stores them (signed 64-bit), made once per cached sequence */
  template64: bigint;
  simhash64: bigint;
}

/** Longer token sequences are fingerprinted without the cache (bounds its memory to slots x this). */
const MEMO_MAX_TOKENS = 512;
/** Token sequences up to this long (nearly every prompt: 25 tokens on average) share the main cache. */
const SHORT_TOKENS = 64;

/** Capability labels by index (what `flags >>> 1` holds, minus one; 0 is 'general'). */
const CAPABILITY_NAMES: readonly string[] = ['general', ...CAPABILITY_WORDS.map(([name]) => name)];

/**
 * A direct-mapped cache of masked token sequences and what they give, in typed arrays: a slot
 * holds the last sequence (of at most `width` tokens) hashed to it, its template and SimHash
 * halves and its flags. No object per entry: the cache churns (benign prompts rarely repeat), and
 * an object per miss, frozen, kept the collector busy and every hit chased three pointers.
 */
class SequenceMemo {
  readonly mask: number;
  private readonly len: Int32Array;
  private readonly tokens: Int32Array;
  /** per slot: template hi, lo, SimHash hi, lo */
  readonly out: Int32Array;
  readonly flags: Uint8Array;

  constructor(
    slots: number,
    private readonly width: number,
  ) {
    this.mask = slots - 1;
    this.len = new Int32Array(slots).fill(-1);
    this.tokens = new Int32Array(slots * width);
    this.out = new Int32Array(slots * 4);
    this.flags = new Uint8Array(slots);
  }

  /** Whether `slot` holds the sequence hs[0..n). */
  holds(slot: number, hs: Int32Array, n: number): boolean {
    if (this.len[slot] !== n) return false;
    const t = this.tokens;
    const o = slot * this.width;
    for (let i = 0; i < n; i++) if (t[o + i] !== hs[i]) return false;
    return true;
  }

  put(slot: number, hs: Int32Array, n: number, tHi: number, tLo: number, sHi: number, sLo: number, flags: number): void {
    this.len[slot] = n;
    const t = this.tokens;
    const o = slot * this.width;
    for (let i = 0; i < n; i++) t[o + i] = hs[i]!;
    const q = slot * 4;
    this.out[q] = tHi;
    this.out[q + 1] = tLo;
    this.out[q + 2] = sHi;
    this.out[q + 3] = sLo;
    this.flags[slot] = flags;
  }
}

/**
 * Bits set where more than half of `n` added words had the bit set, from bit-sliced counters
 * (planes[0..6] hold 32 parallel 7-bit counts, the spill totals in `total` when n >= 127).
 */
function majority(n: number, planes: Int32Array, total: Int32Array): number {
  if (n < 127) {
    // no spill: compare the 32 counters with the threshold in 7 word steps
    const t = (n >>> 1) + 1;
    let gt = 0;
    let eq = -1;
    for (let k = 6; k >= 0; k--) {
      const pk = planes[k]!;
      if ((t >>> k) & 1) eq &= pk;
      else {
        gt |= eq & pk;
        eq &= ~pk;
      }
    }
    return (gt | eq) >>> 0;
  }
  spill(total, planes[0]!, planes[1]!, planes[2]!, planes[3]!, planes[4]!, planes[5]!, planes[6]!);
  let out = 0;
  for (let bit = 0; bit < 32; bit++) if (2 * (total[bit] ?? 0) > n) out |= 1 << bit;
  return out >>> 0;
}

/** Adds the 32 bit-sliced counters to `total` (every 127 words, before they overflow). */
function spill(total: Int32Array, p0: number, p1: number, p2: number, p3: number, p4: number, p5: number, p6: number): void {
  for (let bit = 0; bit < 32; bit++) {
    const v =
      ((p0 >>> bit) & 1) | (((p1 >>> bit) & 1) << 1) | (((p2 >>> bit) & 1) << 2) | (((p3 >>> bit) & 1) << 3) | (((p4 >>> bit) & 1) << 4) | (((p5 >>> bit) & 1) << 5) | (((p6 >>> bit) & 1) << 6);
    total[bit] = (total[bit] ?? 0) + v;
  }
}

/**
 * Reusable state so the hot path allocates nothing per prompt: fingerprintInto writes a prompt's
 * hashes straight into a batch's columns; fingerprint() gives them as an object.
 */
export class PromptFingerprinter {
  private sink: TokenSink = newSink(1024);
  private loTotal = new Int32Array(32);
  private hiTotal = new Int32Array(32);
  private planes = new Int32Array(7);
  private hits = new Int32Array(CAPABILITY_WORDS.length);
  private short: SequenceMemo;
  private long: SequenceMemo;
  // the last prompt's fingerprint: template and SimHash halves (unsigned), flags (bit 0: chain of
  // thought, the rest: capability index into CAPABILITY_NAMES)
  private tHi = 0;
  private tLo = 0;
  private sHi = 0;
  private sLo = 0;
  private flags = 0;

  /** `memoSlots` (a power of two) sizes the cache; tests shrink it to make slots collide */
  constructor(memoSlots = 8192) {
    if (memoSlots < 1 || (memoSlots & (memoSlots - 1)) !== 0) throw new Error('memoSlots must be a power of two');
    this.short = new SequenceMemo(memoSlots, SHORT_TOKENS);
    // long sequences are rare: a few slots of the full width
    this.long = new SequenceMemo(Math.max(1, memoSlots >>> 5), MEMO_MAX_TOKENS);
  }

  /** The capability label of fingerprintInto's flags. */
  static capability(flags: number): string {
    return CAPABILITY_NAMES[flags >>> 1] ?? 'general';
  }

  fingerprint(text: string): PromptFingerprint {
    this.run(text);
    const template = Object.freeze({ hi: this.tHi >>> 0, lo: this.tLo >>> 0 });
    const simhash = Object.freeze({ hi: this.sHi >>> 0, lo: this.sLo >>> 0 });
    return { template, simhash, cot: (this.flags & 1) === 1, capability: PromptFingerprinter.capability(this.flags), chars: text.length, template64: toSigned64(template), simhash64: toSigned64(simhash) };
  }

  /**
   * Fingerprints `text` into row i of two signed 64-bit columns seen as 32-bit words (little
   * endian: word 2i the low half, 2i + 1 the high half: what toSigned64 stores). Returns the flags
   * (bit 0: chain of thought; flags >>> 1: the capability, see PromptFingerprinter.capability).
   */
  fingerprintInto(text: string, template: Int32Array, simhash: Int32Array, i: number): number {
    this.run(text);
    template[2 * i] = this.tLo;
    template[2 * i + 1] = this.tHi;
    simhash[2 * i] = this.sLo;
    simhash[2 * i + 1] = this.sHi;
    return this.flags;
  }

  /** Fingerprints `text` into tHi .. flags. */
  private run(text: string): void {
    const sink = this.sink;
    scanPrompt(text, MAX_CHARS, sink);
    const hs = sink.hashes;
    const n = sink.count;
    const memo = n <= SHORT_TOKENS ? this.short : n <= MEMO_MAX_TOKENS ? this.long : null;
    if (memo === null) {
      this.compute(hs, n);
      return;
    }
    let k = n | 0;
    for (let i = 0; i < n; i++) k = Math.imul(k ^ hs[i]!, 0x01000193);
    const slot = (k ^ (k >>> 15)) & memo.mask;
    if (memo.holds(slot, hs, n)) {
      const o = memo.out;
      const q = slot * 4;
      this.tHi = o[q]!;
      this.tLo = o[q + 1]!;
      this.sHi = o[q + 2]!;
      this.sLo = o[q + 3]!;
      this.flags = memo.flags[slot]!;
      return;
    }
    this.compute(hs, n);
    memo.put(slot, hs, n, this.tHi, this.tLo, this.sHi, this.sLo, this.flags);
  }

  /** The fingerprint of the token sequence hs[0..n), into tHi .. flags. */
  private compute(hs: Int32Array, n: number): void {
    const hits = this.hits;
    hits.fill(0);
    // template: order-sensitive hash of the token sequence; capability: the category with most
    // keyword hits (fenced code counts for coding); chain-of-thought: an eliciting phrase occurs
    let a = 0x811c9dc5 | 0;
    let b = 0x6a09e667 | 0;
    let hasCode = false;
    let cot = false;
    for (let i = 0; i < n; i++) {
      const t = hs[i] ?? 0;
      if (t === TOKEN_CODE) hasCode = true;
      a = mix32(a, t, 0x2545f491);
      b = mix32(b, t, 0x9e3779b9);
      const c = CAPABILITY_OF.get(t);
      if (c >= 0) hits[c] = (hits[c] ?? 0) + 1;
      if (!cot && COT_FIRST.get(t) >= 0) cot = cotAt(hs, i, n, t);
    }
    this.tHi = mix32(b, n, 0x7f4a7c15) | 0;
    this.tLo = mix32(a, n, 0x85ebca6b) | 0;
    // simhash over 3-shingles (single tokens when there are fewer than three): two banks of
    // bit-sliced counters kept in locals (this loop runs for every token of every prompt)
    const short = n < 3;
    const m = short ? n : n - 2;
    let l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0; // prettier-ignore
    let h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0; // prettier-ignore
    let added = 0;
    const loT = this.loTotal;
    const hiT = this.hiTotal;
    if (m >= 127) {
      loT.fill(0);
      hiT.fill(0);
    }
    for (let i = 0; i < m; i++) {
      const lo = short ? (hs[i] ?? 0) : mix32(mix32(hs[i] ?? 0, hs[i + 1] ?? 0, 0x1234567), hs[i + 2] ?? 0, 0x2345678);
      const hi = mix32(lo, 0x9e3779b9, 0x3c6ef372);
      // ripple-carry add of one word into 32 parallel 7-bit counters
      let c = lo | 0;
      let t = l0 & c; l0 ^= c; c = t; // prettier-ignore
      t = l1 & c; l1 ^= c; c = t; // prettier-ignore
      t = l2 & c; l2 ^= c; c = t; // prettier-ignore
      t = l3 & c; l3 ^= c; c = t; // prettier-ignore
      t = l4 & c; l4 ^= c; c = t; // prettier-ignore
      t = l5 & c; l5 ^= c; c = t; // prettier-ignore
      l6 ^= c;
      c = hi | 0;
      t = h0 & c; h0 ^= c; c = t; // prettier-ignore
      t = h1 & c; h1 ^= c; c = t; // prettier-ignore
      t = h2 & c; h2 ^= c; c = t; // prettier-ignore
      t = h3 & c; h3 ^= c; c = t; // prettier-ignore
      t = h4 & c; h4 ^= c; c = t; // prettier-ignore
      t = h5 & c; h5 ^= c; c = t; // prettier-ignore
      h6 ^= c;
      if (++added === 127) {
        spill(loT, l0, l1, l2, l3, l4, l5, l6);
        spill(hiT, h0, h1, h2, h3, h4, h5, h6);
        l0 = l1 = l2 = l3 = l4 = l5 = l6 = 0;
        h0 = h1 = h2 = h3 = h4 = h5 = h6 = 0;
        added = 0;
      }
    }
    const p = this.planes;
    p[0] = h0; p[1] = h1; p[2] = h2; p[3] = h3; p[4] = h4; p[5] = h5; p[6] = h6; // prettier-ignore
    this.sHi = majority(m, p, hiT) | 0;
    p[0] = l0; p[1] = l1; p[2] = l2; p[3] = l3; p[4] = l4; p[5] = l5; p[6] = l6; // prettier-ignore
    this.sLo = majority(m, p, loT) | 0;
    if (hasCode) hits[1] = (hits[1] ?? 0) + 2;
    let best = -1;
    for (let c = 0; c < hits.length; c++) if ((hits[c] ?? 0) > (best < 0 ? 0 : (hits[best] ?? 0))) best = c;
    this.flags = (cot ? 1 : 0) | ((best + 1) << 1);
  }
}

/** Whether one of the chain-of-thought phrases starts at token i (whose hash is t). */
function cotAt(hs: Int32Array, i: number, n: number, t: number): boolean {
  for (const p of COT_PATTERNS) {
    if (p[0] !== t || i + p.length > n) continue;
    let k = 1;
    while (k < p.length && hs[i + k] === p[k]) k++;
    if (k === p.length) return true;
  }
  return false;
}

const shared = new PromptFingerprinter();
export const fingerprintPrompt = (text: string): PromptFingerprint => shared.fingerprint(text);

/** Hamming distance between two 64-bit signatures. */
export function hamming64(a: Hash64, b: Hash64): number {
  const pop = (x: number) => {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
  };
  return pop((a.hi ^ b.hi) >>> 0) + pop((a.lo ^ b.lo) >>> 0);
}
