import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without type declarations (run by `npm run lint`)
import { checkArchitecture } from '../arch-rules.mjs';

interface Violation {
  file: string;
  rule: string;
  detail: string;
}

let root: string | undefined;

/** A throw-away tree with the given files (path → content). */
function tree(files: Record<string, string>): string {
  root = mkdtempSync(path.join(tmpdir(), 'omslink-arch-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const rulesBroken = (dir: string) =>
  (checkArchitecture(dir) as Violation[]).map((v) => `${v.file}: ${v.rule}`);

const allowed = {
  'shared/platform/db/connection.ts': "import postgres from 'postgres';\nexport const sql = postgres;\n",
  'shared/platform/flk/issue.ts': 'export interface FlkIssue { code: string }\n',
  'shared/person/domain/enp.ts':
    "import type { FlkIssue } from '../../platform/flk/issue';\nexport const x: FlkIssue[] = [];\n",
  'shared/hospitalisation/domain/records.ts':
    "import { x } from '../../person/domain/enp';\nexport const y = x;\n",
  'shared/hospitalisation/db/writes.ts':
    "import { sql } from '../../platform/db/connection';\nimport { y } from '../domain/records';\nexport const w = [sql, y];\n",
  'shared/hospitalisation/index.ts': "import { w } from './db/writes';\nexport const area = w;\n",
  'shared/areas.ts': "import { area } from './hospitalisation';\nexport const areas = [area];\n",
  'shared/hospitalisation/work.ts': "import { w } from './db/writes';\nexport const work = w;\n",
  'shared/area-work.ts': "import { work } from './hospitalisation/work';\nexport const areaWork = [work];\n",
  'functions/rest/hospitalisation/list.ts':
    "import { areas } from '../../../shared/areas';\nexport const h = areas;\n",
  'web/src/api/records.ts':
    "import type { y } from '../../../shared/hospitalisation/domain/records';\nexport type R = typeof y;\n",
};

afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

describe('architecture rules (npm run lint)', () => {
  it('hold for a tree that imports only as the layout allows', () => {
    // Act
    const broken = rulesBroken(tree(allowed));

    // Assess
    expect(broken).toEqual([]);
  });

  it('fail on each forbidden import', () => {
    // Prepare
    const dir = tree({
      ...allowed,
      'shared/platform/flk/by-area.ts':
        "import { y } from '../../hospitalisation/domain/records';\nexport const z = y;\n",
      'shared/informing/db/steal.ts':
        "import { w } from '../../hospitalisation/db/writes';\nexport const s = w;\n",
      'shared/org/domain/reads.ts':
        "import { sql } from '../../platform/db/connection';\nexport const r = sql;\n",
      'shared/org/domain/indirect.ts': "import { s } from '../../informing/db/steal';\nexport const i = s;\n",
      'shared/person/db/registry.ts': "import { areas } from '../../areas';\nexport const a = areas;\n",
      'shared/person/db/work.ts': "import { areaWork } from '../../area-work';\nexport const w = areaWork;\n",
      'shared/org/db/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'shared/org/db/b.ts': "import { a } from './a';\nexport const b = a;\n",
      'web/src/api/runtime.ts':
        "import { y } from '../../../shared/hospitalisation/domain/records';\nexport const q = y;\n",
    });

    // Act
    const broken = rulesBroken(dir);

    // Assess
    expect(broken).toEqual(
      expect.arrayContaining([
        'shared/platform/flk/by-area.ts: shared/platform imports no area',
        'shared/informing/db/steal.ts: an area never imports another area (only platform and core areas)',
        "shared/org/domain/reads.ts: an area's domain/ imports no database, ports or I/O",
        'shared/org/domain/indirect.ts: an area never imports another area (only platform and core areas)',
        "shared/org/domain/indirect.ts: an area's domain/ imports no database, ports or I/O",
        'shared/person/db/registry.ts: only functions/, infra/ and test/ import shared/areas.ts, shared/area-work.ts and shared/area-demos.ts',
        'shared/person/db/work.ts: only functions/, infra/ and test/ import shared/areas.ts, shared/area-work.ts and shared/area-demos.ts',
        'web/src/api/runtime.ts: web imports server code type-only',
      ]),
    );
    expect(broken.filter((b) => b.endsWith('no circular imports'))).toHaveLength(1);
  });

  it('hold for this repository', () => {
    // Act
    const violations = checkArchitecture(path.resolve(import.meta.dirname, '../..')) as Violation[];

    // Assess
    expect(violations).toEqual([]);
  });
});
