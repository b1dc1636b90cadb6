import { stat } from 'node:fs/promises';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { allFunctions, type FunctionSpec } from '../../functions/manifest';
import { bundleFileName, functionBuildOptions } from '../../infra/constructs/function-bundle-options';
import { repositoryRoot } from '../../infra/constructs/project-paths';

/** The size goal of every function bundle (issue 10): a cold start grows with the code it loads. */
export const bundleBudgetKiB = 500;

export interface FunctionBundle {
  spec: FunctionSpec;
  /** The bundle (`<outDir>/<function name>/index.mjs`), its source map beside it. */
  file: string;
  bytes: number;
  /** What took the room: bytes in the bundle per npm package (`zod`, `@smithy/core` …) or project folder. */
  parts: { name: string; bytes: number }[];
  /** The files bundled (paths relative to the repository, `node_modules/…` for packages). */
  inputs: string[];
}

/**
 * Builds every function of the manifest as `OmsFunction` does (the esbuild options of
 * infra/constructs/function-bundle-options.ts), one bundle per function — in one esbuild run with an entry point
 * per function (no code splitting, so each bundle is what a build of that function alone writes), which takes
 * seconds. The migrations `migrate` ships beside its bundle are not part of it.
 */
export async function buildFunctionBundles(
  outDir: string,
  functions: readonly FunctionSpec[] = allFunctions,
): Promise<FunctionBundle[]> {
  const { entryPoints: _entry, outfile: _outfile, ...options } = functionBuildOptions('', outDir);
  const result = await build({
    ...options,
    absWorkingDir: repositoryRoot,
    entryPoints: functions.map((spec) => ({
      in: path.join(repositoryRoot, spec.entry),
      out: `${spec.name}/${path.parse(bundleFileName).name}`,
    })),
    outdir: outDir,
    outExtension: { '.js': path.extname(bundleFileName) },
    metafile: true,
  });
  return Promise.all(
    functions.map(async (spec) => {
      const file = path.join(outDir, spec.name, bundleFileName);
      const output = result.metafile.outputs[path.relative(repositoryRoot, file)];
      if (!output) throw new Error(`esbuild wrote no bundle for ${spec.name}`);
      return {
        spec,
        file,
        bytes: (await stat(file)).size,
        parts: partsOf(output),
        inputs: Object.keys(output.inputs),
      };
    }),
  );
}

function partsOf(output: Metafile['outputs'][string]): { name: string; bytes: number }[] {
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');
    bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
  }
  return [...bytes].map(([name, n]) => ({ name, bytes: n })).sort((a, b) => b.bytes - a.bytes);
}

/** `zod 89 KiB, @smithy/core 40 KiB, shared/platform 31 KiB` — the largest parts of a bundle. */
export function largestParts(bundle: FunctionBundle, count = 3): string {
  return bundle.parts
    .slice(0, count)
    .map((part) => `${part.name} ${Math.round(part.bytes / 1024)} KiB`)
    .join(', ');
}
