// Engine, parse worker. The parse worker's memory of the strings it has sent: the dictionary that
// gives each distinct string of a reference column an id (sent to the writer once), and the memos
// that turn a repeated raw IP (not a canonical IPv4 one: those go as numbers, see batch.ts IP4_REF)
// or user agent into its normalised pair of ids with one look-up.
import { REF_COLS } from './batch';

/** Accounts whose last reference strings are kept before the per-owner columns take the cap's size. */
const FIRST_OWNERS = 4096;

/**
 * Local string dictionary of the worker: each distinct string is sent to the writer once. One map
 * per column (ids shared): low-cardinality columns (model, status, country) stay tiny and hot in
 * cache instead of sharing one huge map with IPs and device ids.
 */
export class Dictionary {
  private maps: Array<Map<string, number>> = REF_COLS.map(() => new Map<string, number>());
  private next = 0;
  pending: string[] = [];
  resetPending = false;
  /** bumped at each reset: ids cached elsewhere are valid only for the generation they came from */
  gen = 0;
  // 250k strings (about 40 MB a worker): past it, strings seen again are sent again, and the
  // writer finds them already interned. At the reported scale a million per worker held 1 GB of
  // the import's peak memory between the two workers and the writer's copies.
  constructor(private cap = 250_000) {}

  /**
   * Each column's last string and its id: low-cardinality columns (model, status, country,
   * endpoint) often repeat the previous row's value, and comparing two strings costs less than
   * hashing a fresh one for the map.
   */
  private last: Array<string | null> = REF_COLS.map(() => null);
  private lastId = new Int32Array(REF_COLS.length);

  id(s: string | null, col: number): number {
    if (s === null) return -1;
    if (s === this.last[col]) return this.lastId[col] ?? -1;
    const m = this.maps[col] as Map<string, number>;
    let id = m.get(s);
    if (id === undefined) {
      id = this.next++;
      m.set(s, id);
      this.pending.push(s);
    }
    this.last[col] = s;
    this.lastId[col] = id;
    return id;
  }

  /**
   * Per column of values that belong to an account (API key, device, TLS fingerprint): each
   * account's last string and its id, by the account's id. These strings are long and mostly
   * distinct across rows, so the previous row's value rarely matches, and a map look-up (hashing
   * a fresh string, then a cache miss for the entry and another for the string compared) cost
   * the parse workers a sixth of their time; an account's own last value is compared instead.
   */
  private ownerLast: Array<Array<string | undefined> | null> = REF_COLS.map(() => null);
  private ownerLastId: Array<Int32Array | null> = REF_COLS.map(() => null);

  /** id() of `s` in column `col`, for a row of the account whose id is `owner`. */
  idOf(s: string | null, col: number, owner: number): number {
    if (s === null) return -1;
    if (owner >= this.cap) return this.id(s, col);
    let strs = this.ownerLast[col];
    let ids = this.ownerLastId[col];
    if (!strs || !ids || owner >= ids.length) {
      // FIRST_OWNERS slots, then at once the cap's: made at the cap for every file, they were a
      // tenth of a small file's import (12 MB to fill and collect); grown by doubling, they raised
      // a 1M-row import's peak RSS by about 40 MB
      const size = owner < FIRST_OWNERS ? FIRST_OWNERS : this.cap;
      const ns = new Array<string | undefined>(size);
      const ni = new Int32Array(size);
      if (strs && ids) {
        for (let i = 0; i < ids.length; i++) ns[i] = strs[i];
        ni.set(ids);
      }
      strs = this.ownerLast[col] = ns;
      ids = this.ownerLastId[col] = ni;
    }
    if (strs[owner] === s) return ids[owner]!;
    const id = this.id(s, col);
    strs[owner] = s;
    ids[owner] = id;
    return id;
  }

  /** whether the next maybeReset() starts over (ids cached by the caller are about to lapse) */
  get full(): boolean {
    return this.next >= this.cap;
  }

  /** The strings of one column with their ids (in this generation). */
  column(col: number): ReadonlyMap<string, number> {
    return this.maps[col] as Map<string, number>;
  }

  /** Called between batches: past the cap, start over (memory stays flat on endless distinct values). */
  maybeReset(): void {
    if (this.next >= this.cap) {
      for (const m of this.maps) m.clear();
      this.last.fill(null);
      // the accounts' ids lapse with the rest
      this.ownerLast.fill(null);
      this.ownerLastId.fill(null);
      this.next = 0;
      this.pending = [];
      this.resetPending = true;
      this.gen++;
    }
  }
}

/**
 * A bounded memo for a pure normaliser of a repeated value (IPs, user agents) into two strings,
 * which also remembers their dictionary ids: a repeated raw value costs one map lookup instead
 * of three.
 */
export interface PairEntry {
  a: string;
  b: string | null;
  aId: number;
  bId: number;
  gen: number;
}
export class PairMemo {
  private m = new Map<string, PairEntry | null>();
  constructor(
    private fn: (s: string) => [string, string | null] | null,
    private colA: number,
    private colB: number,
    private cap = 200_000,
  ) {}
  /** the last value looked up (rows often repeat the previous row's user agent) */
  private lastKey: string | null = null;
  private lastEntry: PairEntry | null = null;

  get(s: string, d: Dictionary): PairEntry | null {
    if (s === this.lastKey) {
      const l = this.lastEntry;
      if (l === null || l.gen === d.gen) return l;
    }
    let e = this.m.get(s);
    if (e === undefined) {
      if (this.m.size >= this.cap) this.m.clear();
      const v = this.fn(s);
      e = v ? { a: v[0], b: v[1], aId: -1, bId: -1, gen: -1 } : null;
      this.m.set(s, e);
    }
    if (e && e.gen !== d.gen) {
      e.aId = d.id(e.a, this.colA);
      e.bId = d.id(e.b, this.colB);
      e.gen = d.gen;
    }
    this.lastKey = s;
    this.lastEntry = e;
    return e;
  }
}
