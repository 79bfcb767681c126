// Renderer. Search across account ids, emails, IPs, card fingerprints, devices, user agents and
// prompts; picking a result jumps to the account's node (drilling into its cluster first).
import { forwardRef, useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../../../electron/shared/contract';
import { useApi } from '../../../api/context';

export const SearchBox = forwardRef<HTMLInputElement, { onPick: (hit: SearchHit) => void }>(function SearchBox({ onPick }, ref) {
  const api = useApi();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [active, setActive] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setHits(null);
      return;
    }
    const my = ++seq.current;
    const t = setTimeout(() => {
      void api.call('graph.search', { text: q, limit: 50 }).then((r) => {
        if (my !== seq.current) return;
        setHits(r.ok ? r.value.hits : []);
        setTruncated(r.ok && r.value.truncated);
        setActive(0);
      });
    }, 180);
    return () => clearTimeout(t);
  }, [api, text]);

  const pick = (h: SearchHit) => {
    setHits(null);
    onPick(h);
  };

  return (
    <div className="gw-search">
      <input
        ref={ref}
        type="search"
        placeholder="Search account, email, IP, card, user agent, prompt…  ( / )"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-label="Search"
        data-testid="search"
        onKeyDown={(e) => {
          if (!hits) return;
          if (e.key === 'ArrowDown') setActive((a) => Math.min(hits.length - 1, a + 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
          else if (e.key === 'Enter' && hits[active]) pick(hits[active]);
          else if (e.key === 'Escape') setHits(null);
          else return;
          e.preventDefault();
        }}
      />
      {hits ? (
        <div className="gw-search-results panel" role="listbox" data-testid="search-results">
          {hits.length === 0 ? <div className="muted gw-pad">Nothing found.</div> : null}
          {hits.map((h, i) => (
            <div
              key={`${h.accountId}:${h.field}:${i}`}
              role="option"
              aria-selected={i === active}
              className={`gw-hit${i === active ? ' active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(h);
              }}
              data-testid="search-hit"
            >
              <span className="gw-hit-field">{h.field.replace(/_/g, ' ')}</span>
              <span className="mono gw-hit-acc">{h.accountId}</span>
              <span className="muted gw-hit-cl">{h.cluster !== null ? `#${h.cluster}` : 'no cluster'}</span>
              <div className="mono gw-hit-text">{h.text}</div>
            </div>
          ))}
          {truncated ? <div className="muted gw-pad gw-small">More matches exist: refine the search.</div> : null}
        </div>
      ) : null}
    </div>
  );
});
