// Shared by every process. Channels that create, open and close case files.
import { z } from 'zod';
import { channel } from './channel';
import { Empty, FilePath, JobStarted, Nothing } from './common';

export const CaseSummary = z.object({
  caseId: z.string(),
  name: z.string(),
  path: z.string(),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  accounts: z.number().int(),
  exchanges: z.number().int(),
  imports: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const RecentCase = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.string(),
  exists: z.boolean(),
});
export type RecentCase = z.infer<typeof RecentCase>;

export const caseChannels = {
  'case.create': channel(
    'Create a new case file and open it. Without a path it goes to the cases folder.',
    z.object({ name: z.string().trim().min(1).max(200), path: FilePath.optional() }).strict(),
    CaseSummary,
  ),
  'case.open': channel('Open an existing case file (migrating it if older).', z.object({ path: FilePath }).strict(), CaseSummary),
  'case.close': channel('Close the open case.', Empty, Nothing),
  'case.current': channel('The open case, or null.', Empty, CaseSummary.nullable()),
  'case.recent': channel('Recently opened cases, newest first.', Empty, z.array(RecentCase)),
  'case.forgetRecent': channel('Remove a case from the recent list (the file stays).', z.object({ path: FilePath }).strict(), Nothing),
  'case.openDemo': channel(
    'Create (or reopen) the demo case: generated traffic, imported and analysed. Runs as a job.',
    Empty,
    JobStarted,
  ),
};
