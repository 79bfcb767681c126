// Engine. Handlers for the evidence channels (filled in by its issue).
import type { HandlerMap } from './types';

export const evidenceHandlers: HandlerMap<never> = {};
