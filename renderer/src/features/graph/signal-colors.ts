// Renderer (pure). One colour per linkage signal, stable across views, legible on light and dark
// backgrounds. Known signals get fixed hues (hard evidence warm, soft evidence cool); unknown ones
// are hashed onto a spare palette so a new signal still gets a stable colour.
const KNOWN: Record<string, string> = {
  payment: '#d9381e',
  card: '#d9381e',
  card_fingerprint: '#d9381e',
  payment_fingerprint: '#d9381e',
  card_bin: '#e8775f',
  api_key: '#e07b00',
  device: '#b8860b',
  device_id: '#b8860b',
  phone: '#a0522d',
  email: '#8e44ad',
  email_norm: '#8e44ad',
  email_pattern: '#b07cc6',
  ip: '#1f77d0',
  signup_ip: '#1f77d0',
  subnet: '#17a2b8',
  ip_prefix: '#17a2b8',
  asn: '#5aa9c9',
  user_agent: '#7f8c8d',
  tls: '#6c7a89',
  burst: '#c9a400',
  signup_burst: '#c9a400',
  template: '#2e9d4f',
  prompt_template: '#2e9d4f',
  coactivity: '#d63384',
  cadence: '#d63384',
};
const SPARE = ['#6f42c1', '#20c997', '#fd7e14', '#0dcaf0', '#e83e8c', '#6610f2', '#198754', '#adb5bd'];

export function signalColor(signal: string): string {
  const known = KNOWN[signal] ?? KNOWN[signal.toLowerCase()];
  if (known) return known;
  let h = 0;
  for (let i = 0; i < signal.length; i++) h = (h * 31 + signal.charCodeAt(i)) >>> 0;
  return SPARE[h % SPARE.length]!;
}

/** Score in [0, 1] to a colour from calm grey-blue through amber to red. */
export function scoreColor(score: number | null): string {
  if (score === null || Number.isNaN(score)) return '#9aa5b1';
  const s = Math.max(0, Math.min(1, score));
  const stops: Array<[number, [number, number, number]]> = [
    [0, [120, 144, 170]],
    [0.5, [240, 160, 32]],
    [1, [217, 56, 30]],
  ];
  const i = s <= 0.5 ? 0 : 1;
  const [s0, c0] = stops[i]!;
  const [s1, c1] = stops[i + 1]!;
  const t = (s - s0) / (s1 - s0);
  const c = c0.map((v, k) => Math.round(v + (c1[k]! - v) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export function signalLabel(signal: string): string {
  return signal.replace(/_/g, ' ');
}
