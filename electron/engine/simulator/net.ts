// Engine, simulator (any thread). Where requests come from: residential dynamic pools (strangers
// occasionally land on the same address), IPv6 households, hosting/proxy pools, carrier NAT.
import { mix } from './prng';
import { ISPS } from './vocab';
import type { Account } from './world';

export interface Addr {
  ip: string;
  asn: string;
  country: string;
}

const ASN_CACHE = new Map<number, string>();
export const asnLabel = (asn: number): string => {
  let s = ASN_CACHE.get(asn);
  if (!s) ASN_CACHE.set(asn, (s = `AS${asn}`));
  return s;
};

/** Size of each ISP's dynamic pool, set by the world from how many accounts use it. */
export class ResidentialPools {
  readonly size: number[];

  constructor(accountsPerIsp: number[]) {
    // ~30 slots per customer: over six weeks a few percent of addresses see two strangers
    this.size = ISPS.map((isp, i) => Math.min(isp[3].length * 256 * 254, Math.max(64, (accountsPerIsp[i] ?? 0) * 30)));
  }

  /** The address of pool slot k of ISP i. */
  slot(i: number, k: number): string {
    const isp = ISPS[i]!;
    const seconds = isp[3];
    const second = seconds[k % seconds.length]!;
    const rest = Math.floor(k / seconds.length);
    return `${isp[2]}.${second}.${Math.floor(rest / 254) % 256}.${1 + (rest % 254)}`;
  }

  /**
   * Home address of an account on a day: stable for a lease, then a new slot of the same pool.
   * The last answer is kept on the account: consecutive requests of an account almost always get
   * the same one, and a fresh address string per row was a good share of the garbage.
   */
  home(seed: number, a: Account, day: number, hourSalt: number): Addr {
    const lease = a.fixedIp ? -1 : Math.floor((day + (a.ipSalt % 7)) / a.leaseDays);
    const key = a.v6 && !a.fixedIp ? lease * 4_294_967_296 + hourSalt : lease;
    const cached = a.homeCache;
    if (cached !== null && cached.key === key) return cached.addr;
    const addr = this.address(seed, a, lease, hourSalt);
    a.homeCache = { key, addr };
    return addr;
  }

  private address(seed: number, a: Account, lease: number, hourSalt: number): Addr {
    const isp = ISPS[a.isp]!;
    if (a.fixedIp) return { ip: a.fixedIp, asn: asnLabel(isp[0]), country: isp[1] };
    if (a.v6) {
      const h = mix(seed, a.ipSalt, 6);
      const iid = mix(seed, a.ipSalt, lease, hourSalt);
      return { ip: `2a02:${(isp[0] & 0xffff).toString(16)}:${(h >>> 16).toString(16)}:${(h & 0xffff).toString(16)}:${(iid >>> 16).toString(16)}:${(iid & 0xffff).toString(16)}:${(mix(iid, 1) & 0xffff).toString(16)}:${(mix(iid, 2) & 0xffff).toString(16)}`, asn: asnLabel(isp[0]), country: isp[1] };
    }
    const k = mix(seed, a.ipSalt, lease) % (this.size[a.isp] ?? 64);
    return { ip: this.slot(a.isp, k), asn: asnLabel(isp[0]), country: isp[1] };
  }

  /** An address outside the dynamic pool, never handed to anyone else (k-th reserved address). */
  reserved(i: number, k: number): string {
    return this.slot(i, (this.size[i] ?? 64) + k);
  }
}

/** n distinct addresses in one network, filling consecutive /24s from a salted start. */
export function addressPool(first: number, second: number, n: number, salt: number): string[] {
  const out: string[] = [];
  const base = mix(salt) % 200;
  const offset = mix(salt, 1) % 250;
  for (let i = 0; i < n; i++) out.push(`${first}.${second}.${(base + Math.floor(i / 250)) % 256}.${2 + ((offset + i) % 250)}`);
  return out;
}
