import { fileURLToPath } from 'node:url';

/** The repository root (where package.json, package-lock.json, functions/ and shared/ live). */
export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
