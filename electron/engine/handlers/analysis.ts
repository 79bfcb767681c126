// Engine. Handlers for the analysis channels (filled in by its issue).
import type { HandlerMap } from './types';

export const analysisHandlers: HandlerMap<never> = {};
