import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFunctions } from '../../functions/manifest';
import { demoStories } from '../../shared/area-demos';
import { areaWork, registeredWork } from '../../shared/area-work';
import { areas, registered } from '../../shared/areas';
import { sectionsFor } from '../../shared/platform/access/sections';

const root = path.resolve(import.meta.dirname, '../..');
const duplicates = (values: readonly string[]) => values.filter((v, i) => values.indexOf(v) !== i);

describe('the area registry (shared/areas.ts)', () => {
  it('lists each area once, named after its folder, with core areas as the architecture says', () => {
    // Assess
    expect(duplicates(areas.map((a) => a.id))).toEqual([]);
    for (const area of areas) expect(existsSync(path.join(root, 'shared', area.id, 'index.ts'))).toBe(true);
    expect(duplicates(areaWork.map((w) => w.id))).toEqual([]);
    for (const work of areaWork) {
      expect(areas.map((a) => a.id)).toContain(work.id);
      expect(existsSync(path.join(root, 'shared', work.id, 'work.ts'))).toBe(true);
    }
    expect(areas.filter((a) => a.core).map((a) => a.id)).toEqual(['nsi', 'org', 'person', 'demo']);
  });

  it('gives the manifest unique function names and routes whose handlers exist in the area’s folders', () => {
    // Assess
    expect(duplicates(allFunctions.map((f) => f.name))).toEqual([]);
    expect(duplicates(registered.rest.map((r) => `${r.method} ${r.path}`))).toEqual([]);
    for (const area of areas) {
      for (const fn of [...(area.rest ?? []), ...(area.soap ?? [])]) {
        expect(fn.entry).toMatch(new RegExp(`^functions/(rest|soap)/${area.id}/`));
        expect(existsSync(path.join(root, fn.entry))).toBe(true);
      }
    }
  });

  it('has one job per queue message kind, one permission per id, one section per id', () => {
    // Assess
    const kinds = areaWork.flatMap((w) => w.jobs ?? []).map((j) => j.kind);
    expect(duplicates(kinds)).toEqual([]);
    expect([...registeredWork.jobs.keys()].sort()).toEqual([
      'erz-extract',
      'nsi-directory',
      'registry-imported',
      'registry-package',
      't-file',
    ]);
    expect(duplicates(demoStories.map((s) => s.title))).toEqual([]);
    expect(duplicates(registered.permissions.map((p) => p.id))).toEqual([]);
    expect(duplicates(registered.sections.map((s) => s.id))).toEqual([]);
  });

  it('links person-card records and section permissions only to what is registered', () => {
    // Assess
    const sectionIds = registered.sections.map((s) => s.id);
    for (const source of registered.personRecords) expect(sectionIds).toContain(source.sectionId);
    for (const section of registered.sections) {
      if (section.permission) expect(registered.permissions).toContain(section.permission);
    }
  });

  it('shows a role its sections in navigation order', () => {
    // Act
    const orders = sectionsFor('fund_admin', registered.sections).map((s) => s.order);

    // Assess
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });
});
