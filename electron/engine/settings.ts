// Engine. The workbench's own settings file (recent cases), in the workbench home.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RecentCase } from '../shared/contract';
import { LIMITS } from '../shared/limits';

const SettingsFile = z.object({
  recent: z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() })).default([]),
});
type SettingsFile = z.infer<typeof SettingsFile>;

export class Settings {
  private file: string;
  private data: SettingsFile;

  constructor(home: string) {
    this.file = join(home, 'settings.json');
    this.data = this.load();
  }

  private load(): SettingsFile {
    try {
      return SettingsFile.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      return { recent: [] }; // missing or damaged settings never stop the app
    }
  }

  private save(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 2));
    renameSync(tmp, this.file);
  }

  recent(): RecentCase[] {
    return this.data.recent.map((r) => ({ ...r, exists: existsSync(r.path) }));
  }

  touchRecent(path: string, name: string): void {
    const rest = this.data.recent.filter((r) => r.path !== path);
    this.data.recent = [{ path, name, openedAt: new Date().toISOString() }, ...rest].slice(0, LIMITS.recentCases);
    this.save();
  }

  forgetRecent(path: string): void {
    this.data.recent = this.data.recent.filter((r) => r.path !== path);
    this.save();
  }
}
