import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findDirectory } from '../../shared/nsi/domain/catalogue';
import { readFfomsDirectory } from '../../shared/nsi/formats/ffoms-directory-reader';
import { readMinzdravDirectory } from '../../shared/nsi/formats/minzdrav-directory-reader';
import {
  type DirectoryRow,
  type RegistryDirectory,
  registryDirectoryAttrs,
  registryDirectoryCodes,
} from '../../shared/registry/domain/directories';

const nsiDataDir = fileURLToPath(new URL('../../shared/nsi/data', import.meta.url));

/**
 * The rows the registry import loads from `nsi.record`, read here straight from the publications shipped with
 * the product (shared/nsi/data) by the НСИ readers, with only the fields `registryDirectoryAttrs` names kept.
 */
export async function shippedDirectoryRows(
  codes: readonly RegistryDirectory[] = registryDirectoryCodes,
): Promise<DirectoryRow[]> {
  const rows: DirectoryRow[] = [];
  for (const code of codes) {
    const spec = findDirectory(code);
    if (!spec) throw new Error(`${code} is not in the НСИ catalogue`);
    const chunks = createReadStream(`${nsiDataDir}/${spec.source}/${spec.file}`);
    const records =
      spec.source === 'ffoms'
        ? readFfomsDirectory(chunks, spec, () => {})
        : readMinzdravDirectory(chunks, spec, () => {});
    const fields: readonly string[] = registryDirectoryAttrs[code];
    for await (const r of records) {
      const attrs: Record<string, string> = {};
      for (const f of fields) if (r.attrs[f] !== undefined) attrs[f] = r.attrs[f];
      rows.push({ directory: code, code: r.code, dateBeg: r.dateBeg, dateEnd: r.dateEnd, attrs });
    }
  }
  return rows;
}
