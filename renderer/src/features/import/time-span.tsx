// Renderer. The times an import's rows cover, in UTC to the minute (the full ISO times on hover);
// flagged when they cannot be those of API traffic (shared/time-span.ts).
import { implausibleSpan } from '../../../../electron/shared/time-span';

const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')}Z`;

/** `warn`: say why, next to the span (else only its colour and tooltip). */
export function TimeSpan({ first, last, warn = false }: { first: string | null; last: string | null; warn?: boolean }) {
  if (!first || !last) return <span className="muted">—</span>;
  const odd = implausibleSpan(first, last);
  const text = first.slice(0, 16) === last.slice(0, 16) ? minute(first) : `${minute(first)} to ${minute(last)}`;
  const hint = odd ? 'Some times fall before 2000 or after today: was the time column mapped right?' : `${first} to ${last}`;
  return (
    <span className={odd ? 'imp-warn' : ''} title={hint} data-testid="import-time-span">
      {text}
      {odd && warn ? ` (${hint})` : ''}
    </span>
  );
}
