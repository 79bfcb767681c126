// Engine. Handlers for the workflow channels (filled in by its issue).
import type { HandlerMap } from './types';

export const workflowHandlers: HandlerMap<never> = {};
