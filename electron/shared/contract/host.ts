// Shared by every process. Channels answered by the host itself (native dialogs), not by the engine.
// In browser mode they answer with null, and the renderer falls back to its own inputs.
import { z } from 'zod';
import { channel } from './channel';

const FileFilter = z.object({ name: z.string().max(100), extensions: z.array(z.string().max(20)).max(20) });

export const hostChannels = {
  'dialog.openFiles': channel(
    'Native open dialog (of files, or with `folders` of folders); the chosen paths, or null when cancelled or unavailable.',
    z.object({ title: z.string().max(200), filters: z.array(FileFilter).max(10), multiple: z.boolean(), folders: z.boolean().optional() }).strict(),
    z.array(z.string()).nullable(),
    { host: true },
  ),
  'dialog.saveFile': channel(
    'Native save dialog; the chosen path, or null.',
    z.object({ title: z.string().max(200), defaultName: z.string().max(255), filters: z.array(FileFilter).max(10) }).strict(),
    z.string().nullable(),
    { host: true },
  ),
  'shell.openExternal': channel(
    'Open an allow-listed link in the system browser.',
    z.object({ url: z.string().url().max(2000) }).strict(),
    z.boolean(),
    { host: true },
  ),
};
