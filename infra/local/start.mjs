// `npm start` / `npm test` entry: plain Node, no dependencies, so it runs on a fresh clone. It installs the
// pinned dependencies when node_modules is missing or older than package-lock.json, builds the web UI when
// its sources changed, then runs the TypeScript entry in this same process (tsx), so signals reach it directly.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

export function ensureDependencies() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
    console.log('Installing dependencies (npm ci) …');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
}

export function ensureWebBuild() {
  const index = path.join(root, 'web', 'dist', 'index.html');
  if (!existsSync(index) || statSync(index).mtimeMs < newest(path.join(root, 'web'))) {
    console.log('Building the web UI (vite) …');
    run('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureDependencies();
  ensureWebBuild();
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
