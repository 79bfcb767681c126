// Shared by every process. THE CONTRACT: every channel the UI can call, by domain. Reading this
// file (and the domain files it merges) tells you everything the workbench can do.
// To add a capability: declare its channels in a domain file, merge them here, and give the
// engine a handler of the same name (electron/engine/handlers). Hosts need no change.
import type { z } from 'zod';
import { analysisChannels } from './analysis';
import { appChannels } from './app';
import { caseChannels } from './cases';
import { evidenceChannels } from './evidence';
import { graphChannels } from './graph';
import { hostChannels } from './host';
import { importChannels } from './imports';
import { jobChannels } from './jobs';
import { workflowChannels } from './workflow';

export const contract = {
  ...appChannels,
  ...caseChannels,
  ...jobChannels,
  ...importChannels,
  ...analysisChannels,
  ...graphChannels,
  ...workflowChannels,
  ...evidenceChannels,
  ...hostChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type Req<C extends ChannelName> = z.input<Contract[C]['request']>;
export type Res<C extends ChannelName> = z.output<Contract[C]['response']>;
export type HostChannelName = {
  [K in ChannelName]: Contract[K] extends { host: true } ? K : never;
}[ChannelName];
export type EngineChannelName = Exclude<ChannelName, HostChannelName>;

export const channelNames = Object.keys(contract) as ChannelName[];
export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

export * from './app';
export * from './cases';
export * from './jobs';
export * from './imports';
export * from './analysis';
export * from './graph';
export * from './graph-pack';
export * from './workflow';
export * from './evidence';
export * from './common';
