import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registryRuleIds, registryRules } from '../../shared/registry/domain/registry-rules';

/**
 * The registry FLK rules are data (migration 030 inserts them into `flk.rule`); the domain keeps the same rows
 * as defaults. Parsed from the SQL here, the two must be equal row for row.
 */

function migrationRows(): Map<
  string,
  { f012Code: string; field: string; severity: string; message: string }
> {
  const sql = readFileSync(
    new URL('../../shared/platform/db/migrations/030.do.registry-flk-rules.sql', import.meta.url),
    'utf8',
  );
  const literal = "'((?:[^']|'')*)'";
  const row = new RegExp(
    String.raw`\(\s*${literal},\s*${literal},\s*${literal},\s*${literal},\s*${literal}\s*\)`,
    'g',
  );
  const rows = new Map<string, { f012Code: string; field: string; severity: string; message: string }>();
  const unquote = (s: string) => s.replaceAll("''", "'");
  for (const m of sql.matchAll(row)) {
    const id = unquote(m[1]!);
    expect(rows.has(id), `${id} is inserted once`).toBe(false);
    rows.set(id, {
      f012Code: unquote(m[2]!),
      field: unquote(m[3]!),
      severity: unquote(m[4]!),
      message: unquote(m[5]!),
    });
  }
  return rows;
}

describe('registry FLK rules as data', () => {
  const rows = migrationRows();

  it('migration 030 inserts only rules into flk.rule', () => {
    const sql = readFileSync(
      new URL('../../shared/platform/db/migrations/030.do.registry-flk-rules.sql', import.meta.url),
      'utf8',
    );
    const statements = sql
      .replace(/--.*$/gm, '')
      .split(/;\s*$/m)
      .map((s) => s.trim())
      .filter(Boolean);
    expect(
      statements.every((s) => s.startsWith('insert into flk.rule (id, f012_code, field, severity, message)')),
    ).toBe(true);
  });

  it('inserts every rule id the checks use, and no other', () => {
    expect([...rows.keys()].sort()).toEqual([...registryRuleIds].sort());
  });

  it('holds the same code, field, severity and message as the domain defaults', () => {
    for (const id of registryRuleIds) expect(rows.get(id), id).toEqual(registryRules[id]);
  });

  it('names every rule REG.*, with an F012 code, a tag and a Russian message', () => {
    for (const id of registryRuleIds) {
      const rule = registryRules[id];
      expect(id).toMatch(/^REG\.[A-Z0-9_.]+$/);
      expect(['902', '903', '904', '905']).toContain(rule.f012Code);
      expect(rule.field).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(rule.message).toMatch(/[А-Яа-яЁё]/);
    }
  });
});
