// Engine (pure). Reads an edge's per-signal weights (stored as JSON by the linkage analysis) and
// re-weighs it under the investigator's signal filter.
import type { SignalWeight } from '../../shared/contract';

export function parseSignals(json: string): SignalWeight[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  const out: SignalWeight[] = [];
  if (Array.isArray(raw)) {
    for (const r of raw) {
      if (r && typeof r === 'object') {
        const o = r as Record<string, unknown>;
        const signal = typeof o.signal === 'string' ? o.signal : typeof o.s === 'string' ? o.s : null;
        const weight = typeof o.weight === 'number' ? o.weight : typeof o.w === 'number' ? o.w : null;
        if (signal !== null && weight !== null) out.push({ signal, weight });
      } else if (Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'number') out.push({ signal: r[0], weight: r[1] });
    }
  } else if (raw && typeof raw === 'object') {
    for (const [signal, w] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof w === 'number') out.push({ signal, weight: w });
      else if (w && typeof w === 'object' && typeof (w as { weight?: unknown }).weight === 'number') out.push({ signal, weight: (w as { weight: number }).weight });
    }
  }
  return out.sort((a, b) => b.weight - a.weight || a.signal.localeCompare(b.signal));
}

/** The edge under a signal filter: its kept signals, their total weight and the dominant one. */
export function filterSignals(
  signals: SignalWeight[],
  keep: ReadonlySet<string> | null,
  stored: number,
): { signals: SignalWeight[]; weight: number; dominant: string } | null {
  const kept = keep ? signals.filter((s) => keep.has(s.signal)) : signals;
  if (kept.length === 0 && (keep || signals.length > 0)) return null;
  const sum = kept.reduce((t, s) => t + s.weight, 0);
  // unfiltered edges keep the analysis's own weight (it may include corrections the parts lack)
  const weight = keep ? sum : stored;
  return { signals: kept, weight, dominant: kept[0]?.signal ?? 'link' };
}
