// Engine. Handlers for the app channels.
import { SCHEMA_VERSION } from '../db/migrations';
import { APP_NAME, APP_VERSION } from '../version';
import type { HandlerMap } from './types';

export const appHandlers: HandlerMap<'app.info'> = {
  'app.info': (_req, ctx) => ({
    name: APP_NAME,
    version: APP_VERSION,
    host: ctx.host,
    schemaVersion: SCHEMA_VERSION,
    casesDir: ctx.casesDir,
    platform: process.platform,
  }),
};
