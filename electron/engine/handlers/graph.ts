// Engine. Handlers for the graph channels (filled in by its issue).
import type { HandlerMap } from './types';

export const graphHandlers: HandlerMap<never> = {};
