// Engine, ingest worker. Emails -> a normalised mailbox (what the provider delivers to) + domain.
// Pure. Provider rules: Gmail ignores dots and +tags (googlemail.com is gmail.com); Outlook,
// iCloud, Fastmail, Proton and most others deliver +tags to the base mailbox; Yahoo uses -tags.

const DOTLESS = new Set(['gmail.com']);
const DOMAIN_ALIAS: Record<string, string> = { 'googlemail.com': 'gmail.com' };
const HYPHEN_TAG = new Set(['yahoo.com', 'ymail.com']);

export interface NormalisedEmail {
  email: string;
  domain: string;
}

export function normaliseEmail(raw: unknown): NormalisedEmail | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim().toLowerCase();
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1 || s.length > 320) return null;
  let local = s.slice(0, at);
  let domain = s.slice(at + 1).replace(/\.$/, '');
  if (!/^[a-z0-9.-]+\.[a-z0-9-]{2,}$/.test(domain) && !/^xn--/.test(domain)) return null;
  domain = DOMAIN_ALIAS[domain] ?? domain;
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (HYPHEN_TAG.has(domain)) {
    const dash = local.indexOf('-');
    if (dash > 0) local = local.slice(0, dash);
  }
  if (DOTLESS.has(domain)) local = local.replace(/\./g, '');
  if (local.length === 0) return null;
  return { email: `${local}@${domain}`, domain };
}
