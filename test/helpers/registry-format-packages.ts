import { strToU8, unzipSync, zipSync } from 'fflate';
import { generatePersons } from '../../shared/demo/persons';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import { chunksOf } from '../../shared/platform/formats/package/byte-stream';
import {
  type PackageGeneratorInput,
  type RegistryPerson,
  registryPersonFromDemo,
} from '../../shared/registry/demo/package-generator';
import {
  type RegistryItem,
  type RegistryReadOptions,
  readRegistryPackage,
} from '../../shared/registry/formats/registry-package-reader';

/** Persons of the demo register, the first МО and the СМО codes: what generated packages are made of. */
export interface RegistryWorld {
  persons: RegistryPerson[];
  moCode: string;
  smoCodes: string[];
}

let world: RegistryWorld | undefined;

export function registryWorld(): RegistryWorld {
  if (!world) {
    const region = generateRegionStructure('registry-tests');
    world = {
      persons: [...generatePersons('registry-tests', 2000, region)].map(registryPersonFromDemo),
      moCode: region.organisations.find((o) => o.kind === 'MO')!.code,
      smoCodes: region.organisations.filter((o) => o.kind === 'SMO').map((o) => o.code),
    };
  }
  return world;
}

/** Generator input over the test world. */
export function packageInput(over: Partial<PackageGeneratorInput> = {}): PackageGeneratorInput {
  const w = registryWorld();
  return {
    seed: 'unit',
    persons: w.persons,
    moCode: w.moCode,
    smoCodes: w.smoCodes,
    year: 2025,
    month: 5,
    count: 60,
    cohortShare: 0.2,
    ...over,
  };
}

/** Every item of a package read in `size`-byte chunks (a refusal is thrown). */
export async function readAll(bytes: Uint8Array, options: RegistryReadOptions = {}, size = 4096) {
  const items: RegistryItem[] = [];
  for await (const item of readRegistryPackage(chunksOf(bytes, size), options)) items.push(item);
  return items;
}

/** The entries of a ZIP as text (decoded as `encoding`). */
export function entriesOf(bytes: Uint8Array, encoding = 'windows-1251'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes)))
    out[name] = new TextDecoder(encoding).decode(data);
  return out;
}

/** A ZIP of the given entries (text is written as UTF-8 unless bytes are given). */
export function zipOf(entries: Record<string, string | Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(entries))
    files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files, { level: 6 });
}
