import { expect } from 'vitest';
import { generatePersons } from '../../shared/demo/persons';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import {
  generateRegistryPackage,
  type PackageGeneratorInput,
  type RegistryPerson,
  registryPersonFromDemo,
} from '../../shared/registry/demo/package-generator';
import { callApi } from './runtime';

/**
 * Registry packages for the browser tests: persons of the e2e runtime's demo register (global-setup.ts: seed
 * `omslink-e2e`, 3,000 persons), the package generator, and the REST calls that send a package and follow it.
 */

export const e2eDemo = { seed: 'omslink-e2e', persons: 3_000 } as const;

export interface DemoRegistryRegion {
  persons: RegistryPerson[];
  smoCodes: string[];
  doctorsOf: (moCode: string) => string[];
}

let region: DemoRegistryRegion | undefined;

/** The demo register as the generator needs it (the same persons the runtime loaded). */
export function demoRegistryRegion(): DemoRegistryRegion {
  if (region) return region;
  const structure = generateRegionStructure(e2eDemo.seed);
  const persons = [...generatePersons(e2eDemo.seed, e2eDemo.persons, structure)].map(registryPersonFromDemo);
  region = {
    persons,
    smoCodes: structure.organisations.filter((o) => o.kind === 'SMO').map((o) => o.code),
    doctorsOf: (moCode) => structure.doctors.filter((d) => d.moCode === moCode).map((d) => d.snils),
  };
  return region;
}

/** A package of the МО from the demo register (defaults: C-file, valid, written in windows-1251). */
export function demoPackage(
  input: Omit<PackageGeneratorInput, 'persons' | 'smoCodes'> &
    Partial<Pick<PackageGeneratorInput, 'persons'>>,
) {
  const demo = demoRegistryRegion();
  const doctors = demo.doctorsOf(input.moCode);
  return generateRegistryPackage({
    persons: demo.persons,
    smoCodes: demo.smoCodes,
    ...(doctors.length > 0 ? { doctors } : {}),
    ...input,
  });
}

export interface ImportEntry {
  id: number;
  status: string;
  counts: { cases: number; accepted: number; rejected: number; onco: number } | null;
  error: string | null;
}

/** Sends a package as the body of `POST /api/v1/registries` (≤ 10 MB) and answers the journal entry. */
export async function sendPackage(
  baseUrl: string,
  token: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<ImportEntry> {
  const sent = await callApi(baseUrl, '/api/v1/registries', {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/zip', 'x-file-name': encodeURIComponent(fileName) },
    body: new Uint8Array(bytes),
  });
  expect(sent.status, sent.text).toBe(202);
  return sent.body as ImportEntry;
}

/** Follows an import until it ends (done, rejected or failed) and answers its entry. */
export async function waitForImport(
  baseUrl: string,
  token: string,
  id: number,
  timeoutMs = 60_000,
): Promise<ImportEntry> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const answer = await callApi(baseUrl, `/api/v1/registries/${id}`, { token });
    expect(answer.status, answer.text).toBe(200);
    const entry = answer.body.import as ImportEntry;
    if (!['queued', 'processing'].includes(entry.status)) return entry;
    if (Date.now() > until) throw new Error(`import ${id} still ${entry.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
