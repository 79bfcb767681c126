import { describe, expect, it } from 'vitest';
import { sniffBytes, UnreadableFileError } from '../../../electron/engine/ingest/sniff';
import { applyOverrides, detectKind, detectMapping, missingRequired, parseMapOptions } from '../../../electron/engine/ingest/mapping';

const b = (s: string | number[]) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s));
const sniff = (s: string | number[]) => sniffBytes(b(s), 'none', true);

describe('sniffing', () => {
  it('tells containers apart by content', () => {
    expect(sniff('{"a":1}\n{"a":2}\n').container).toBe('jsonl');
    expect(sniff('[{"a":1}]').container).toBe('json');
    expect(sniff('{"Records":[{"a":1},{"a":2}]}').container).toBe('json');
    expect(sniff('{\n  "a": 1\n}\n').container).toBe('json');
    expect(sniff('{"a":1, broken\n{"a":2}\n').container).toBe('jsonl');
    expect(sniff('a,b,"c\td"\n1,2,3\n').container).toBe('csv');
    expect(sniff('a\tb\tc\n1\t2\t3\n').container).toBe('tsv');
    const bom = sniff('\uFEFFa,b\n1,2\n');
    expect(bom).toMatchObject({ container: 'csv', bom: true });
  });
  it.each([
    ['empty', '', /empty/],
    ['blank', '   \n\n', /blank/],
    ['UTF-16 with BOM', [0xff, 0xfe, 0x61, 0, 0x2c, 0], /UTF-16/],
    ['UTF-16 without BOM', [0x61, 0, 0x2c, 0, 0x62, 0, 0x0a, 0], /UTF-16/],
    ['binary', [1, 2, 3, 0, 5, 6, 7, 8, 200, 201], /binary/],
    ['Latin-1', [0x61, 0x2c, 0x62, 0x0a, 0x63, 0xe9, 0x2c, 0x64, 0x0a], /not valid UTF-8/],
    ['zip', [0x50, 0x4b, 0x03, 0x04, 1, 2], /ZIP/],
    ['no delimiters', 'hello world\nfoo\n', /Unrecognised/],
  ])('%s gets a clear error', (_name, input, msg) => {
    expect(() => sniff(input)).toThrow(UnreadableFileError);
    expect(() => sniff(input)).toThrow(msg);
  });
});

describe('field mapping', () => {
  it('recognises synonyms', () => {
    const m = detectMapping(['@timestamp', 'user_id', 'client_ip', 'userAgent', 'prompt_tokens', 'completion_tokens', 'modelId', 'x'], 'exchanges');
    expect(m).toMatchObject({ ts: '@timestamp', account_id: 'user_id', ip: 'client_ip', user_agent: 'userAgent', input_tokens: 'prompt_tokens', output_tokens: 'completion_tokens', model: 'modelId' });
    expect(Object.values(m)).not.toContain('x');
    expect(detectMapping(['time', 'account', 'sourceIPAddress', 'ua', 'remote_addr'], 'exchanges')).toMatchObject({ ts: 'time', ip: 'sourceIPAddress', user_agent: 'ua' });
  });
  it('detects the kind from the columns', () => {
    expect(detectKind(['account_id', 'created_at', 'email', 'card_bin'])).toBe('accounts');
    expect(detectKind(['user_id', 'timestamp', 'model', 'prompt'])).toBe('exchanges');
  });
  it('applies --map overrides and reports missing required fields', () => {
    const d = detectMapping(['ts', 'user', 'who'], 'exchanges');
    const m = applyOverrides(d, parseMapOptions(['account_id=who']), 'exchanges');
    expect(m.account_id).toBe('who');
    expect(missingRequired(applyOverrides(m, { ts: '' }, 'exchanges'), 'exchanges')).toEqual(['ts']);
    expect(() => applyOverrides(d, { nonsense: 'x' }, 'exchanges')).toThrow(/not a field/);
    expect(() => parseMapOptions(['novalue'])).toThrow(/FIELD=COLUMN/);
  });
});
