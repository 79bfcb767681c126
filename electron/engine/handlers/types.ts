// Engine. The shape of a handler: one function per engine channel, given the validated request.
import type { z } from 'zod';
import type { Contract, EngineChannelName, Res } from '../../shared/contract';
import type { EngineContext } from '../engine-context';

export type Handler<C extends EngineChannelName> = (
  req: z.output<Contract[C]['request']>,
  ctx: EngineContext,
) => Res<C> | Promise<Res<C>>;

export type HandlerMap<K extends EngineChannelName> = { [C in K]: Handler<C> };
