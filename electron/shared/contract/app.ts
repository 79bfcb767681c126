// Shared by every process. Channels about the application itself.
import { z } from 'zod';
import { channel } from './channel';
import { Empty } from './common';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['desktop', 'browser', 'cli']),
  schemaVersion: z.number().int(),
  casesDir: z.string(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appChannels = {
  'app.info': channel('Name, version and host of the running workbench.', Empty, AppInfo),
};
