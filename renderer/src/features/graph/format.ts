// Renderer (pure). Number and time formatting shared by the graph workbench's panels and tables.
export const fmtInt = (n: number): string => n.toLocaleString('en-US');

export function fmtCompact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n * 100) / 100);
}

export function fmtTime(ms: number | null): string {
  if (ms === null) return '—';
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
}

export function fmtDate(ms: number | null): string {
  if (ms === null) return '—';
  return new Date(ms).toISOString().slice(0, 10);
}

export function fmtSpan(from: number | null, to: number | null): string {
  if (from === null || to === null) return '—';
  const d = (to - from) / 86_400_000;
  if (d < 1) return `${Math.max(1, Math.round(d * 24))} h`;
  return `${Math.round(d)} d`;
}
