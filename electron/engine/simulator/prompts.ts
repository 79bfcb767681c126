// Engine, simulator (any thread). Prompt text: diverse benign requests (with a few popular
// openings everyone types), homework, coding, SaaS templates, and the harvesting templates of
// campaigns (capability-targeted, chain-of-thought eliciting, slots filled per request).
import type { Rng } from './prng';
import * as V from './vocab';

// per-row pieces hoisted out of the functions (one array each, not one per call)
const AUDIENCES = ['me', 'my team', 'a beginner', 'my boss', 'a ten year old', 'my class'];
const ASKS = ['please', 'for me', 'in bullet points', 'in one paragraph', ''];
const QUESTION_WORDS = ['what', 'why', 'how', 'when'];
const HOMEWORK_OPENINGS = ['Help me with this: ', 'Can you solve this? ', 'pls help ', 'Explain: '];
const HOMEWORK_ENDINGS = ['I dont understand part b.', 'Due tomorrow!', 'Keep it short.', 'Use simple words.'];
/** WORDS with a capital first letter (a sentence's first word), drawn with the same index */
const CAP_WORDS = V.WORDS.map((w) => w.charAt(0).toUpperCase() + w.slice(1));

function sentence(rng: Rng, words: number): string {
  if (words <= 0) return '.';
  let s = rng.pick(CAP_WORDS);
  for (let i = 1; i < words; i++) s += ' ' + rng.pick(V.WORDS);
  return s + '.';
}

export function pastedText(rng: Rng, sentences: number): string {
  let s = '';
  for (let i = 0; i < sentences; i++) s += (i ? ' ' : '') + sentence(rng, 6 + rng.int(12));
  return s;
}

/** A benign individual's prompt: popular opening + varied body. ~3% ask for step-by-step. */
export function benignPrompt(rng: Rng): string {
  const r = rng.float();
  let p: string;
  if (r < 0.35) {
    const opening = rng.zipf(V.OPENINGS, 1.2);
    p = opening.endsWith(':') ? `${opening}\n\n${pastedText(rng, 1 + rng.int(3))}` : `${opening} ${rng.pick(V.VERBS)} ${rng.pick(V.TOPICS)} in a ${rng.pick(V.ADJECTIVES)} way?`;
  } else if (r < 0.6) {
    p = `${cap(rng.pick(V.VERBS))} ${rng.pick(V.TOPICS)} for ${rng.pick(AUDIENCES)}, ${rng.pick(V.ADJECTIVES)} and ${rng.pick(V.ADJECTIVES)}.`;
  } else if (r < 0.8) {
    p = `${pastedText(rng, 1 + rng.int(3))} ${cap(rng.pick(V.VERBS))} this ${rng.pick(ASKS)}`.trim();
  } else if (r < 0.93) {
    p = codingPrompt(rng);
  } else {
    p = `${rng.pick(QUESTION_WORDS)} ${rng.pick(V.WORDS)} ${rng.pick(V.TOPICS)} ${rng.pick(V.WORDS)}?`;
  }
  if (rng.chance(0.03)) p += ' Explain step by step.';
  return p;
}

export function codingPrompt(rng: Rng): string {
  const lang = rng.pick(V.LANGS);
  return `${cap(rng.pick(V.CODE_TASKS))} this ${lang} code${rng.chance(0.5) ? ` (${rng.pick(V.ADJECTIVES)} please)` : ''}:\n\`\`\`\n${rng.pick(V.CODE_SNIPPETS)}\n\`\`\``;
}

export function homeworkPrompt(rng: Rng, assignments: readonly string[]): string {
  const hw = rng.zipf(assignments, 0.8);
  const r = rng.float();
  if (r < 0.55) return hw;
  if (r < 0.8) return `${rng.pick(HOMEWORK_OPENINGS)}${hw}`;
  return `${hw} ${rng.pick(HOMEWORK_ENDINGS)}`;
}

export function saasPrompt(rng: Rng): string {
  const t = rng.pick(V.SAAS_TEMPLATES);
  return t.startsWith('Classify') ? t + rng.pick(V.REVIEWS) : `${t}Order #${rng.range(100000, 999999)}: ${rng.pick(V.REVIEWS)} ${sentence(rng, 5 + rng.int(6))}`;
}

/** A harvesting template set: the campaign's chosen capabilities' templates. */
export function chooseTemplates(rng: Rng, count: number): string[] {
  const caps = Object.keys(V.HARVEST_TEMPLATES);
  const pool: string[] = [];
  for (const c of caps) pool.push(...(V.HARVEST_TEMPLATES[c] ?? []));
  const out: string[] = [];
  const start = rng.int(pool.length);
  for (let i = 0; i < count; i++) out.push(pool[(start + i * 3) % pool.length]!);
  return [...new Set(out)];
}

export interface HarvestStyle {
  templates: string[];
  /** share of prompts with a chain-of-thought elicitation */
  cotShare: number;
  /** 0: verbatim templates; 1: every synonym swapped at random (paraphrase) */
  paraphrase: number;
  cotPhrases: readonly string[];
}

export function harvestPrompt(rng: Rng, style: HarvestStyle): string {
  let t = rng.pick(style.templates);
  if (style.paraphrase > 0) {
    for (const [a, b] of V.SYNONYMS) if (rng.chance(style.paraphrase * 0.5) && t.includes(a)) t = t.replace(a, b);
  }
  const cot = rng.chance(style.cotShare) ? rng.pick(style.cotPhrases) : '';
  const parts = parsed(t);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += slot(parts[i]!, rng, cot) + parts[i + 1]!;
  if (!cot) out = out.replace('  ', ' ');
  // careful operators also vary the opening, which defeats prefix matching
  return style.paraphrase > 0 && rng.chance(style.paraphrase * 0.4) ? rng.pick(OPENERS) + out : out;
}

const OPENERS = ['Quick question: ', 'Hi! ', 'For a side project, ', 'I am studying this. ', 'Hello, ', 'Need help: ', 'Context: internal tooling. ', 'Curious about this one. '];

// templates split once into [text, slot, text, slot, text ...]
const PARSED = new Map<string, string[]>();
function parsed(t: string): string[] {
  let parts = PARSED.get(t);
  if (!parts) {
    parts = t.split(/\{(\w+)\}/);
    if (PARSED.size > 10_000) PARSED.clear();
    PARSED.set(t, parts);
  }
  return parts;
}

function slot(name: string, rng: Rng, cot: string): string {
  switch (name) {
    case 'cot': return cot;
    case 'tools': return rng.pick(V.TOOLS);
    case 'goal': return rng.pick(V.GOALS);
    case 'problem': return rng.pick(V.PROBLEMS);
    case 'lang': return rng.pick(V.LANGS);
    case 'id': return String(rng.range(1000, 99999));
    case 'n': return String(rng.range(5, 12));
    case 'schema': return rng.pick(V.SCHEMAS);
    case 'math': return rng.pick(V.MATH).replace('{a}', String(rng.range(7, 999)));
    default: return name;
  }
}

/** Puts a hostile string at the start, middle or end of a prompt. */
export function withHostile(rng: Rng, prompt: string): string {
  const h = rng.pick(V.HOSTILE);
  const r = rng.int(3);
  if (r === 0) return h + ' ' + prompt;
  if (r === 1) return prompt + ' ' + h;
  const mid = prompt.indexOf(' ', prompt.length >> 1);
  return mid < 0 ? prompt + h : prompt.slice(0, mid) + ' ' + h + prompt.slice(mid);
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
