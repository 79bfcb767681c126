// Engine, ingest worker. Prompt text -> what linkage needs without keeping the text:
// - a template fingerprint: 64-bit hash of the prompt's masked token sequence (numbers, quoted
//   strings, code, URLs, emails and ids replaced), so "Solve 3x+4=7" and "Solve 5x+1=9" collide;
// - a 64-bit SimHash of the masked tokens' 3-shingles, so near-duplicate templates (a word
//   changed, a sentence added) are a few bits apart (Hamming distance) and can be found later;
// - a chain-of-thought elicitation flag and a coarse capability label.
// Pure. Only the first MAX_CHARS characters are fingerprinted (templates show in the head; a
// 10 MB prompt must not stall the import).
import { mix32, type Hash64 } from './hash64';
import { newSink, scanPrompt, TOKEN_CODE, type TokenSink } from './prompt-tokens';

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
    this.flush();
    let out = 0;
    for (let bit = 0; bit < 32; bit++) if (2 * (this.total[bit] ?? 0) > n) out |= 1 << bit;
    return out >>> 0;
  }
}

const COT =
  /step[\s-]by[\s-]step|chain[\s-]of[\s-]thought|think (it |this )?through|show (your|all( of)? your|the) (work|reasoning|steps)|explain your reasoning|reason(ing)? (carefully|out loud)|let'?s think|before (you )?answer(ing)?,? (think|reason)|<thinking>|逐步|一步一步/i;

const CAPABILITIES: Array<[RegExp, string]> = [
  [/\b(tool|function)[ _-]?call|\bagent(ic)?\b|\bplan (and|then) execute|\bmulti[- ]step (task|plan)|\bbrowse the\b|\bapi call|\btool use\b/i, 'agentic'],
  [/\b(python|javascript|typescript|java|rust|golang|c\+\+|sql|regex|function|class|compile|debug|refactor|unit tests?|stack trace|algorithm|code)\b/i, 'coding'],
  [/\b(prove|proof|theorem|lemma|equation|integral|derivative|solve for|probability|matrix)\b/i, 'math'],
  [/\b(translate|translation)\b/i, 'translation'],
  [/\b(summari[sz]e|summary|tl;?dr)\b/i, 'summarization'],
  [/\b(write|draft|compose) (a |an |the )?(story|poem|essay|email|letter|article|blog)/i, 'writing'],
];

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
    const head = text.length > 1024 ? text.slice(0, 1024) : text;
    let capability = hasCode ? 'coding' : 'general';
    if (!hasCode) {
      for (const [re, label] of CAPABILITIES) {
        if (re.test(head)) {
          capability = label;
          break;
        }
      }
    }
    return { template, simhash, cot: COT.test(head), capability, chars: text.length };
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
