// Shared by every process. How a channel is declared: a request schema, a response schema and a
// sentence that says what it does. Hosts validate requests with `request` before the engine sees
// them; the renderer's API is typed from both.
import type { z } from 'zod';

export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly doc: string;
  readonly request: Req;
  readonly response: Res;
  /** Handled by the host (native dialogs, window), not by the engine. */
  readonly host?: boolean;
  /**
   * Writes to the open case. The engine runs these one at a time in arrival order and, while a
   * job or another program holds the case's write lock, keeps them waiting instead of failing.
   */
  readonly writes?: boolean;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType, H extends boolean = false>(
  doc: string,
  request: Req,
  response: Res,
  opts: { host?: H; writes?: boolean } = {},
): ChannelDef<Req, Res> & { readonly host: H } {
  return { doc, request, response, host: (opts.host ?? false) as H, writes: opts.writes ?? false };
}
