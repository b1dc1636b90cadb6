import path from 'node:path';
import type { BuildOptions } from 'esbuild';

/** ESM bundles still meet CommonJS dependencies that call `require`: give them one. */
export const esmRequireBanner =
  "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);";

/**
 * The esbuild settings of every function bundle — the one place they are written. `OmsFunction` hands them to
 * `NodejsFunction` (which runs the esbuild CLI with them), and `functionBuildOptions` gives the same build to the
 * bundle-size test and bench (test/helpers/function-bundles.ts): an ESM bundle for node20 (it runs on the
 * nodejs22.x and 24.x runtimes), minified, with a source map without the sources, the AWS SDK inside
 * (no externals), and UTF-8 output (Russian text escaped as `\uXXXX` took three times the bytes).
 */
export const functionBundleSettings = {
  target: 'node20',
  format: 'esm',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  charset: 'utf8',
  mainFields: ['module', 'main'],
  banner: esmRequireBanner,
  external: [] as string[],
  logLevel: 'warning',
} as const;

/** The file a bundle is written to in the function's asset (`NodejsFunction` names ESM output so). */
export const bundleFileName = 'index.mjs';

/**
 * The esbuild build options `NodejsFunction` runs for `entry` with `functionBundleSettings` (its CLI call:
 * `esbuild --bundle <entry> --platform=node --outfile=<dir>/index.mjs` plus the settings), for the esbuild API.
 */
export function functionBuildOptions(entry: string, outDir: string): BuildOptions {
  const { banner, ...settings } = functionBundleSettings;
  return {
    ...settings,
    mainFields: [...settings.mainFields],
    external: [...settings.external],
    banner: { js: banner },
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    outfile: path.join(outDir, bundleFileName),
  };
}
