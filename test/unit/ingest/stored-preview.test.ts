import { describe, expect, it } from 'vitest';
import type { RawRecord } from '../../../electron/engine/ingest/readers/raw-record';
import { storedPreview } from '../../../electron/engine/ingest/stored-preview';

const obj = (line: number, value: Record<string, unknown>): RawRecord => ({ kind: 'object', line, value, text: JSON.stringify(value) });
const cols = (records: RawRecord[]) => [...new Set(records.flatMap((r) => (r.kind === 'object' ? Object.keys(r.value) : [])))];

describe('the first rows as the import stores them', () => {
  const records: RawRecord[] = [
    obj(1, { time: 1780000000, user: 'acct-1', client_ip: '2001:DB8:0:0:1::7', ua: 'curl/8.1.2', prompt: 'Think step by step about 12345', team: 'blue' }),
    obj(2, { time: 1780000000123, user: 'acct-2', client_ip: '203.0.113.9', ua: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36' }),
    obj(3, { time: 'yesterday', user: 'acct-3' }),
    { kind: 'reject', line: 4, reason: 'invalid JSON: Unexpected end', excerpt: '{"time":' },
    obj(5, { time: '2026-04-22 10:00:00', client_ip: 'not an ip' }),
    obj(6, { time: '2026-04-22T10:00:00+02:00', user: 'acct-6', client_ip: 'not an ip' }),
  ];
  const mapping = { ts: 'time', account_id: 'user', ip: 'client_ip', user_agent: 'ua', prompt: 'prompt' };

  it('normalises each field as the import does and says why rows would be rejected', () => {
    const s = storedPreview('exchanges', mapping, null, cols(records), records);
    expect(s.rows.map((r) => r.line)).toEqual([1, 2, 6]);
    const [a, b, c] = s.rows.map((r) => r.values);
    // epoch seconds and epoch milliseconds both read as UTC times; a zone is applied
    expect(a!.ts).toBe('2026-05-28T20:26:40.000Z');
    expect(b!.ts).toBe('2026-05-28T20:26:40.123Z');
    expect(c!.ts).toBe('2026-04-22T08:00:00.000Z');
    expect(a).toMatchObject({ account_id: 'acct-1', ip: '2001:db8::1:0:0:7', ip_prefix: '2001:db8::/64', ua_family: 'curl', cot: '1' });
    expect(a!.template).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.parse(a!.extra!)).toEqual({ team: 'blue' });
    expect(b).toMatchObject({ ip: '203.0.113.9', ip_prefix: '203.0.113.0/24', ua_family: 'Chrome' });
    // an address that is not one is kept raw with the row, not lost
    expect(c!.ip).toBe('');
    expect(JSON.parse(c!.extra!)).toEqual({ unreadable_ip: 'not an ip' });
    expect(s.rejects).toEqual([
      { line: 3, reason: 'unreadable timestamp: yesterday' },
      { line: 4, reason: 'invalid JSON: Unexpected end' },
      { line: 5, reason: 'no account id' },
    ]);
    // only the stored columns some row fills, in the stored order
    expect(s.columns).toEqual(['ts', 'account_id', 'ip', 'ip_prefix', 'user_agent', 'ua_family', 'prompt_chars', 'capability', 'cot', 'template', 'extra']);
    expect(s.rows.every((r) => Object.keys(r.values).join() === s.columns.join())).toBe(true);
    expect(s.span).toEqual({ first: '2026-04-22T08:00:00.000Z', last: '2026-05-28T20:26:40.123Z' });
    expect(s.oddTimes).toBe(false);
  });

  it('points out times no log of API traffic holds: a column of numbers taken for the time', () => {
    const tokens = storedPreview('exchanges', { ts: 'n', account_id: 'user' }, null, ['n', 'user'], [obj(1, { n: 200, user: 'a' }), obj(2, { n: 1780000000, user: 'b' })]);
    expect(tokens.span).toEqual({ first: '1970-01-01T00:03:20.000Z', last: '2026-05-28T20:26:40.000Z' });
    expect(tokens.oddTimes).toBe(true);
    const future = storedPreview('exchanges', { ts: 'n', account_id: 'user' }, null, ['n', 'user'], [obj(1, { n: '2999-01-01T00:00:00Z', user: 'a' })]);
    expect(future.oddTimes).toBe(true);
    expect(storedPreview('exchanges', { account_id: 'user' }, null, ['user'], [obj(1, { user: 'a' })])).toMatchObject({ span: null, oddTimes: false });
  });

  it('follows the mapping given, whole', () => {
    const noIp = storedPreview('exchanges', { ts: 'time', account_id: 'client_ip' }, null, cols(records), records);
    expect(noIp.rows.map((r) => r.values.account_id)).toEqual(['2001:DB8:0:0:1::7', '203.0.113.9', 'not an ip', 'not an ip']);
    expect(noIp.columns).not.toContain('ip');
    expect(noIp.columns).not.toContain('ua_family');
    // what no field takes stays with the row
    expect(JSON.parse(noIp.rows[0]!.values.extra!)).toMatchObject({ user: 'acct-1', ua: 'curl/8.1.2' });
    const noTime = storedPreview('exchanges', { account_id: 'user' }, null, cols(records), records);
    expect(noTime.rows).toEqual([]);
    expect(noTime.rejects.filter((r) => r.reason === 'no timestamp').map((r) => r.line)).toEqual([1, 2, 3, 5, 6]);
  });

  it('reads account rows with their header, e-mails normalised, and bounds every value', () => {
    const header = ['account_id', 'created_at', 'email', 'signup_ip', 'notes'];
    const rows: RawRecord[] = [
      { kind: 'row', line: 2, values: ['alice', '2026-01-02T03:04:05Z', 'Al.Ice+promo@GoogleMail.com', '10.0.0.1', 'x'.repeat(1000)] },
      { kind: 'row', line: 3, values: ['', '2026-01-02', 'b@example.org', '', ''] },
    ];
    const s = storedPreview('accounts', { account_id: 'account_id', created_at: 'created_at', email: 'email', signup_ip: 'signup_ip' }, header, header, rows, (v) => (v.length > 30 ? `${v.slice(0, 30)}…` : v));
    expect(s.rows).toHaveLength(1);
    expect(s.rows[0]!.values).toMatchObject({
      account_id: 'alice',
      created_at: '2026-01-02T03:04:05.000Z',
      email_norm: 'alice@gmail.com',
      email_domain: 'gmail.com',
      signup_ip_prefix: '10.0.0.0/24',
      extra: `{"notes":"${'x'.repeat(20)}…`,
    });
    expect(s.rejects).toEqual([{ line: 3, reason: 'no account id' }]);
  });
});
