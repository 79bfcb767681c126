import { describe, expect, it } from 'vitest';
import { fingerprintPrompt, hamming64, maskPrompt } from '../../../electron/engine/ingest/normalise/prompt-fingerprint';

describe('prompt template fingerprint', () => {
  it('masks numbers, quoted strings, code, urls, emails and ids', () => {
    const m = maskPrompt('Solve 3x + 4 = 17 for "alpha"; mail bob@x.com, see https://x.y/z?q=1, id a1b2c3d4e5. ```py\nprint(1)\n``` Done.');
    expect(m).toBe('solve ‹id› ‹n› ‹n› for ‹str› mail ‹email› see ‹url› id ‹id› ‹code› done');
  });

  it('gives one template to prompts differing only in their variables', () => {
    const a = fingerprintPrompt('You are an expert. Solve step by step: 3x + 4 = 17. Use the variable "alpha".');
    const b = fingerprintPrompt('You are an expert. Solve step by step: 9x + 2 = 11. Use the variable "beta".');
    const c = fingerprintPrompt('Write a poem about the sea and the wind under the moonlight.');
    expect(a.template).toEqual(b.template);
    expect(a.template).not.toEqual(c.template);
  });

  it('puts near-duplicates a few SimHash bits apart and unrelated prompts far apart', () => {
    const base = 'Explain in detail how a distributed lock works with Redis, what happens during a network partition, how clock drift matters and how fencing tokens prevent two clients from writing at once.';
    const near = base.replace('in detail', 'in great detail');
    const other = 'Write a short cheerful poem about autumn leaves falling in a quiet park while children play and dogs bark at squirrels.';
    const d1 = hamming64(fingerprintPrompt(base).simhash, fingerprintPrompt(near).simhash);
    const d2 = hamming64(fingerprintPrompt(base).simhash, fingerprintPrompt(other).simhash);
    expect(d1).toBeLessThan(12);
    expect(d2).toBeGreaterThan(d1 + 8);
  });

  it('flags chain-of-thought elicitation and a coarse capability', () => {
    expect(fingerprintPrompt('Think step-by-step and show your reasoning.').cot).toBe(true);
    expect(fingerprintPrompt("Let's think about it. Chain of thought please").cot).toBe(true);
    expect(fingerprintPrompt('请一步一步地解释').cot).toBe(true);
    expect(fingerprintPrompt('What is the capital of France?').cot).toBe(false);
    expect(fingerprintPrompt('Refactor this python function ```def f(): pass```').capability).toBe('coding');
    expect(fingerprintPrompt('You are an agent with tools; plan the tool calls for this task').capability).toBe('agentic');
    expect(fingerprintPrompt('Prove the theorem about the integral').capability).toBe('math');
    expect(fingerprintPrompt('Hello there').capability).toBe('general');
  });

  it('bounds work on huge prompts and keeps the full length', () => {
    const huge = 'word '.repeat(2_000_000);
    const f = fingerprintPrompt(huge);
    expect(f.chars).toBe(huge.length);
  });
});
