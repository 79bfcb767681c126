// Engine, ingest worker. Prompt text -> what linkage needs without keeping the text:
// - a template fingerprint: 64-bit hash of the prompt's masked token sequence (numbers, quoted
//   strings, code, URLs, emails and ids replaced), so "Solve 3x+4=7" and "Solve 5x+1=9" collide;
// - a 64-bit SimHash of the masked tokens' 3-shingles, so near-duplicate templates (a word
//   changed, a sentence added) are a few bits apart (Hamming distance) and can be found later;
// - a chain-of-thought elicitation flag and a coarse capability label.
// Pure. Only the first MAX_CHARS characters are fingerprinted (templates show in the head; a
// 10 MB prompt must not stall the import).
import { mix32, type Hash64 } from './hash64';
import { newSink, scanPrompt, TOKEN_CODE, wordHash, type TokenSink } from './prompt-tokens';

export const MAX_CHARS = 4096;

/** The prompt with its variables masked, as text (for previews and tests). */
export function maskPrompt(text: string): string {
  const sink = newSink(256, true);
  scanPrompt(text, MAX_CHARS, sink);
  return (sink.texts ?? []).join(' ');
}

/**
 * Bit-sliced counters: 32 parallel counters per plane word, so adding one 32-bit word costs a few
 * word operations instead of 32 increments. Planes count up to 127, then spill into `total`.
 */
class BitCounter32 {
  private planes = new Int32Array(7);
  private added = 0;
  readonly total = new Int32Array(32);

  reset(): void {
    this.planes.fill(0);
    this.total.fill(0);
    this.added = 0;
  }

  add(x: number): void {
    let carry = x | 0;
    const p = this.planes;
    for (let k = 0; k < 7 && carry !== 0; k++) {
      const pk = p[k] ?? 0;
      p[k] = pk ^ carry;
      carry = pk & carry;
    }
    if (++this.added === 127) this.flush();
  }

  private flush(): void {
    const p = this.planes;
    for (let bit = 0; bit < 32; bit++) {
      let v = 0;
      for (let k = 0; k < 7; k++) v |= (((p[k] ?? 0) >>> bit) & 1) << k;
      this.total[bit] = (this.total[bit] ?? 0) + v;
    }
    p.fill(0);
    this.added = 0;
  }

  /** bits set where more than half of the `n` added words had the bit set */
  majority(n: number): number {
    if (n < 127) {
      // no spill yet: compare the 32 bit-sliced counters with the threshold in 7 word steps
      const t = (n >>> 1) + 1;
      const p = this.planes;
      let gt = 0;
      let eq = -1;
      for (let k = 6; k >= 0; k--) {
        const pk = p[k] ?? 0;
        if ((t >>> k) & 1) eq &= pk;
        else {
          gt |= eq & pk;
          eq &= ~pk;
        }
      }
      return (gt | eq) >>> 0;
    }
    this.flush();
    let out = 0;
    for (let bit = 0; bit < 32; bit++) if (2 * (this.total[bit] ?? 0) > n) out |= 1 << bit;
    return out >>> 0;
  }
}

/** Keywords (masked-token hashes) that point at the capability a prompt targets. */
const CAPABILITY_WORDS: Array<[string, readonly string[]]> = [
  ['agentic', ['agent', 'agents', 'agentic', 'tool', 'tools', 'toolcall', 'toolcalls', 'functioncall', 'functioncalling', 'browse', 'browser', 'workflow', 'subtask', 'subtasks', 'orchestrate', 'multistep', 'autonomous', 'planner']],
  ['coding', ['python', 'javascript', 'typescript', 'java', 'kotlin', 'rust', 'golang', 'sql', 'regex', 'function', 'class', 'compile', 'debug', 'refactor', 'code', 'bug', 'algorithm', 'implement', 'snippet', 'script', 'unittest', 'optimise', 'optimize', 'api']],
  ['math', ['prove', 'proof', 'theorem', 'lemma', 'equation', 'integral', 'derivative', 'probability', 'matrix', 'solve', 'calculate', 'compute']],
  ['translation', ['translate', 'translation', 'translated']],
  ['summarization', ['summarize', 'summarise', 'summary', 'tldr']],
  ['writing', ['story', 'poem', 'essay', 'letter', 'article', 'blog']],
];
const CAPABILITY_OF = new Map<number, number>();
CAPABILITY_WORDS.forEach(([, words], ci) => {
  for (const w of words) if (!CAPABILITY_OF.has(wordHash(w))) CAPABILITY_OF.set(wordHash(w), ci);
});

/** Token sequences that ask for step-by-step reasoning (chain-of-thought elicitation). */
const COT_PATTERNS: number[][] = [
  ['step', 'by', 'step'], ['stepbystep'], ['chain', 'of', 'thought'], ['chainofthought'], ['think', 'through'], ['think', 'it', 'through'],
  ['think', 'this', 'through'], ['show', 'your', 'work'], ['show', 'your', 'reasoning'], ['show', 'all', 'your', 'work'], ['show', 'the', 'steps'],
  ['explain', 'your', 'reasoning'], ['reason', 'carefully'], ['reasoning', 'carefully'], ['lets', 'think'], ['reason', 'out', 'loud'],
  ['逐', '步'], ['一', '步', '一', '步'],
].map((p) => p.map(wordHash));
const COT_FIRST = new Set(COT_PATTERNS.map((p) => p[0] ?? 0));

export interface PromptFingerprint {
  template: Hash64;
  simhash: Hash64;
  cot: boolean;
  capability: string;
  chars: number;
}

/** Reusable state so the hot path allocates nothing per prompt. */
export class PromptFingerprinter {
  private sink: TokenSink = newSink(1024);
  private loC = new BitCounter32();
  private hiC = new BitCounter32();
  private hits = new Int32Array(CAPABILITY_WORDS.length);

  fingerprint(text: string): PromptFingerprint {
    const sink = this.sink;
    scanPrompt(text, MAX_CHARS, sink);
    const hs = sink.hashes;
    const n = sink.count;
    // template: order-sensitive hash of the token sequence
    let a = 0x811c9dc5 | 0;
    let b = 0x6a09e667 | 0;
    let hasCode = false;
    for (let i = 0; i < n; i++) {
      const t = hs[i] ?? 0;
      if (t === TOKEN_CODE) hasCode = true;
      a = mix32(a, t, 0x2545f491);
      b = mix32(b, t, 0x9e3779b9);
    }
    const template = { hi: mix32(b, n, 0x7f4a7c15) >>> 0, lo: mix32(a, n, 0x85ebca6b) >>> 0 };
    // simhash over 3-shingles (single tokens when there are fewer than three)
    this.loC.reset();
    this.hiC.reset();
    const short = n < 3;
    const m = short ? n : n - 2;
    for (let i = 0; i < m; i++) {
      const lo = short ? (hs[i] ?? 0) : mix32(mix32(hs[i] ?? 0, hs[i + 1] ?? 0, 0x1234567), hs[i + 2] ?? 0, 0x2345678);
      this.loC.add(lo);
      this.hiC.add(mix32(lo, 0x9e3779b9, 0x3c6ef372));
    }
    const simhash = { hi: this.hiC.majority(m), lo: this.loC.majority(m) };
    // capability: the category with most keyword hits (fenced code counts for coding);
    // chain-of-thought: one of the eliciting phrases occurs
    const hits = this.hits;
    hits.fill(0);
    if (hasCode) hits[1] = 2;
    let cot = false;
    for (let i = 0; i < n; i++) {
      const t = hs[i] ?? 0;
      const c = CAPABILITY_OF.get(t);
      if (c !== undefined) hits[c] = (hits[c] ?? 0) + 1;
      if (!cot && COT_FIRST.has(t)) {
        for (const p of COT_PATTERNS) {
          if (p[0] !== t || i + p.length > n) continue;
          let k = 1;
          while (k < p.length && hs[i + k] === p[k]) k++;
          if (k === p.length) {
            cot = true;
            break;
          }
        }
      }
    }
    let best = -1;
    for (let c = 0; c < hits.length; c++) if ((hits[c] ?? 0) > (best < 0 ? 0 : (hits[best] ?? 0))) best = c;
    const capability = best < 0 ? 'general' : (CAPABILITY_WORDS[best]?.[0] ?? 'general');
    return { template, simhash, cot, capability, chars: text.length };
  }
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
