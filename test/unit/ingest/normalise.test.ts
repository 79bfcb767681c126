import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../electron/engine/ingest/normalise/timestamp';
import { canonicalIp } from '../../../electron/engine/ingest/normalise/ip';
import { normaliseEmail } from '../../../electron/engine/ingest/normalise/email';
import { uaFamily } from '../../../electron/engine/ingest/normalise/user-agent';

describe('timestamps -> ms UTC', () => {
  const t = Date.UTC(2026, 3, 22, 10, 0, 0);
  it.each([
    ['2026-04-22T10:00:00Z', t],
    ['2026-04-22T10:00:00.123Z', t + 123],
    ['2026-04-22T12:00:00+02:00', t],
    ['2026-04-22T05:30:00-0430', t],
    ['2026-04-22 10:00:00', t],
    ['2026-04-22 10:00:00.000000000', t], // Bedrock
    ['2026-04-22T10:00:00.123456789Z', t + 123],
    [1776852000, 1776852000000],
    ['1776852000', 1776852000000],
    [1776852000123, 1776852000123],
    ['1776852000123456', 1776852000123],
    [1776852000.5, 1776852000500],
    ['Wed, 22 Apr 2026 10:00:00 GMT', t], // RFC 2822
    ['Wed, 22 Apr 2026 12:00:00 +0200', t],
    ['22 Apr 2026 05:00:00 EST', t],
    ['22 Apr 2026 10:00:00', t], // no zone: UTC
    ['04/22/2026 10:00:00', t],
    ['2026/04/22 10:00:00', t],
    ['Apr 22, 2026 10:00 AM', t],
    ['22/Apr/2026:10:00:00 +0000', t], // common log format
  ])('%s', (input, want) => expect(parseTimestamp(input)).toBe(want));
  it.each([['not a date'], [''], [null], [{}], ['2026-13-01T00:00:00Z'], [-5], ['r-1'], ['acct-3'], ['x 5'], ['12 apples'], ['22 Apr 2026 10:00 CET']])('rejects %s', (input) =>
    expect(parseTimestamp(input)).toBeNull(),
  );
  it('reads a time without a zone as UTC on any machine', () => {
    const tz = process.env.TZ;
    try {
      for (const zone of ['America/New_York', 'Asia/Kolkata']) {
        process.env.TZ = zone;
        expect(new Date(2026, 3, 22, 10).getTimezoneOffset()).not.toBe(0); // the zone took effect
        for (const s of ['04/22/2026 10:00:00', '22 Apr 2026 10:00:00', '2026-04-22 10:00:00', 'Apr 22, 2026 10:00 AM']) expect(parseTimestamp(s)).toBe(t);
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});

describe('IP addresses', () => {
  it('canonical v4 with its /24', () => {
    expect(canonicalIp('203.0.113.50')).toEqual({ ip: '203.0.113.50', prefix: '203.0.113.0/24' });
    expect(canonicalIp(' 10.1.2.3:443 ')).toEqual({ ip: '10.1.2.3', prefix: '10.1.2.0/24' });
    expect(canonicalIp('10.1.2.3, 172.16.0.1')?.ip).toBe('10.1.2.3'); // X-Forwarded-For: first hop
  });
  it('v6 compressed (RFC 5952) with its /64; v4-mapped becomes v4', () => {
    expect(canonicalIp('2001:0DB8:0000:0000:0000:0000:0000:0001')).toEqual({ ip: '2001:db8::1', prefix: '2001:db8::/64' });
    expect(canonicalIp('[2001:db8:1:2:3:4:5:6]:8080')).toEqual({ ip: '2001:db8:1:2:3:4:5:6', prefix: '2001:db8:1:2::/64' });
    expect(canonicalIp('::ffff:192.0.2.9')).toEqual({ ip: '192.0.2.9', prefix: '192.0.2.0/24' });
  });
  it('rejects what is not an address', () => {
    for (const s of ['999.1.1.1', 'console.amazonaws.com', '', 'abc::xyz', 'bedrock.amazonaws.com']) expect(canonicalIp(s)).toBeNull();
  });
});

describe('emails', () => {
  it('applies provider rules', () => {
    expect(normaliseEmail('Al.Ice+promo@GoogleMail.com')).toEqual({ email: 'alice@gmail.com', domain: 'gmail.com' });
    expect(normaliseEmail('first.last+x@outlook.com')).toEqual({ email: 'first.last@outlook.com', domain: 'outlook.com' });
    expect(normaliseEmail('carol-tag@yahoo.com')?.email).toBe('carol@yahoo.com');
    expect(normaliseEmail('j.doe+1@uni.edu')?.email).toBe('j.doe@uni.edu');
  });
  it('rejects non-addresses', () => {
    for (const s of ['nope', '@x.com', 'a@', 'a@b']) expect(normaliseEmail(s)).toBeNull();
  });
});

describe('user agent family', () => {
  it.each([
    ['anthropic-sdk-python/0.39.0', 'anthropic-python'],
    ['OpenAI/Python 1.30.1', 'openai-python'],
    ['aws-cli/2.13.5 Python/3.11.4', 'aws-cli'],
    ['Boto3/1.34.0 md/Botocore#1.34.0', 'boto3'],
    ['curl/8.1.2', 'curl'],
    ['Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36', 'Chrome'],
    ['HarvestBot/2.1 (+custom)', 'HarvestBot'],
  ])('%s', (ua, fam) => expect(uaFamily(ua)).toBe(fam));
});
