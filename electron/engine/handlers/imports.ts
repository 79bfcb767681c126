// Engine. Handlers for the imports channels (filled in by its issue).
import type { HandlerMap } from './types';

export const importHandlers: HandlerMap<never> = {};
