// Engine. Every engine channel's handler, merged from the per-domain maps. The type below fails
// to compile when a channel of the contract has no handler.
import type { EngineChannelName } from '../../shared/contract';
import { analysisHandlers } from './analysis';
import { appHandlers } from './app';
import { caseHandlers } from './cases';
import { evidenceHandlers } from './evidence';
import { graphHandlers } from './graph';
import { importHandlers } from './imports';
import { jobHandlers } from './jobs';
import type { HandlerMap } from './types';
import { workflowHandlers } from './workflow';

export const handlers: HandlerMap<EngineChannelName> = {
  ...appHandlers,
  ...caseHandlers,
  ...jobHandlers,
  ...importHandlers,
  ...analysisHandlers,
  ...graphHandlers,
  ...workflowHandlers,
  ...evidenceHandlers,
};
