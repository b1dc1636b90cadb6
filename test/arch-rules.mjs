// Architecture rules as checks (ENGINEERING §2.7, ARCHITECTURE §3), run by `npm run lint`:
// - an area's domain/ imports no database, ports, AWS SDK, HTTP, SOAP or file I/O (directly or through what it
//   imports), so its rules are testable without a database;
// - an area imports only the platform and the core areas (nsi, org, person, demo) — never another area;
//   core areas never import a non-core one; only functions/, infra/ and test/ import shared/areas.ts and
//   shared/area-work.ts, shared/area-demos.ts;
// - shared/platform imports no area;
// - no circular imports in shared/, functions/ and infra/;
// - sql.unsafe only in the database layer; web/ imports server code type-only; no console.log in handlers.
// `checkArchitecture(root)` answers the violations; test/unit/arch-rules.test.ts proves it catches them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const coreAreas = ['nsi', 'org', 'person', 'demo'];
const ioPackages =
  /^(postgres|pg-boss|@aws-sdk\/|aws-lambda|soap|node:(fs|http|https|net|child_process)|fs|http)(\/|$)/;
const sourceExtensions = ['.ts', '.tsx', '.mts', '.mjs'];

function listFiles(root, dir) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  const out = [];
  for (const entry of readdirSync(abs)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'nsi-data' || entry === 'data') continue;
    const rel = path.posix.join(dir, entry);
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...listFiles(root, rel));
    else if (sourceExtensions.some((e) => entry.endsWith(e)) && !entry.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Import statements of a source file: specifier, whether type-only, line number. */
export function importsOf(text) {
  const found = [];
  const statement =
    /(?:^|\n)[ \t]*(import|export)[ \t]+(type[ \t]+)?(?:[^'";]*?[ \t\n]from[ \t]*)?['"]([^'"\n]+)['"]/g;
  for (const m of text.matchAll(statement)) {
    if (m[1] === 'export' && !/from[ \t]*['"]/.test(m[0])) continue;
    const typeOnly = Boolean(m[2]) || isAllTypes(m[0]);
    found.push({ spec: m[3], typeOnly, line: text.slice(0, m.index + 1).split('\n').length });
  }
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push({ spec: m[1], typeOnly: false, line: text.slice(0, m.index).split('\n').length });
  }
  return found;
}

/** `import { type A, type B } from` imports nothing at run time. */
function isAllTypes(statement) {
  const names = /\{([^}]*)\}/.exec(statement)?.[1];
  if (!names) return false;
  const parts = names
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.length > 0 && parts.every((p) => p.startsWith('type '));
}

function resolve(root, from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [base, ...sourceExtensions.map((e) => base + e), `${base}/index.ts`]) {
    if (existsSync(path.join(root, candidate)) && statSync(path.join(root, candidate)).isFile())
      return candidate;
  }
  return null;
}

/** `shared/<area>/…` → the area; `shared/platform/…` → 'platform'; areas.ts, area-work.ts, area-demos.ts → 'areas'. */
export function areaOf(file) {
  if (file === 'shared/area-work.ts' || file === 'shared/area-demos.ts') return 'areas';
  const m = /^shared\/([^/]+)(\/|\.ts$)/.exec(file);
  if (!m) return null;
  return m[1];
}

export function checkArchitecture(root) {
  const files = [
    ...listFiles(root, 'shared'),
    ...listFiles(root, 'functions'),
    ...listFiles(root, 'infra'),
    ...listFiles(root, 'web/src'),
  ];
  const violations = [];
  const report = (file, line, rule, detail) => violations.push({ file, line, rule, detail });
  const graph = new Map();
  const runtimeGraph = new Map();
  const texts = new Map();

  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    texts.set(file, text);
    const edges = [];
    const runtimeEdges = [];
    for (const imp of importsOf(text)) {
      const target = resolve(root, file, imp.spec);
      const from = areaOf(file);
      if (target) {
        edges.push(target);
        if (!imp.typeOnly) runtimeEdges.push(target);
      }
      const to = target ? areaOf(target) : null;
      if (file.startsWith('web/src/') && target && !target.startsWith('web/') && !imp.typeOnly) {
        report(file, imp.line, 'web imports server code type-only', imp.spec);
      }
      if (!from) continue;
      if (from === 'platform' && to && to !== 'platform') {
        report(file, imp.line, 'shared/platform imports no area', imp.spec);
      }
      if (from !== 'platform' && from !== 'areas' && to === 'areas') {
        report(
          file,
          imp.line,
          'only functions/, infra/ and test/ import shared/areas.ts, shared/area-work.ts and shared/area-demos.ts',
          imp.spec,
        );
      }
      if (
        from !== 'platform' &&
        from !== 'areas' &&
        to &&
        to !== from &&
        to !== 'platform' &&
        to !== 'areas'
      ) {
        // Non-core → core is allowed; anything → a non-core area is not (this covers core → non-core too).
        if (!coreAreas.includes(to)) {
          report(
            file,
            imp.line,
            'an area never imports another area (only platform and core areas)',
            imp.spec,
          );
        }
      }
      if (/^shared\/[^/]+\/domain\//.test(file)) {
        if (ioPackages.test(imp.spec)) {
          report(file, imp.line, "an area's domain/ imports no database, ports or I/O", imp.spec);
        } else if (
          target &&
          /^shared\/(platform\/(db|ports|bulk|exchange)|(?!platform\/)[^/]+\/(db|formats))\//.test(target)
        ) {
          report(file, imp.line, "an area's domain/ imports no database, ports or I/O", imp.spec);
        }
      }
    }
    graph.set(file, edges);
    runtimeGraph.set(file, runtimeEdges);
  }

  // What a domain/ file pulls in at run time must not reach the database, ports or I/O either.
  for (const file of files.filter((f) => /^shared\/[^/]+\/domain\//.test(f))) {
    const seen = new Set([file]);
    const queue = [...(runtimeGraph.get(file) ?? [])];
    while (queue.length) {
      const next = queue.shift();
      if (seen.has(next)) continue;
      seen.add(next);
      const io = importsOf(texts.get(next) ?? '').find((i) => !i.typeOnly && ioPackages.test(i.spec));
      if (io) {
        report(file, 1, "an area's domain/ imports no database, ports or I/O", `${next} → ${io.spec}`);
        break;
      }
      queue.push(...(runtimeGraph.get(next) ?? []));
    }
  }

  for (const cycle of cycles(graph)) {
    report(cycle[0], 1, 'no circular imports', cycle.join(' → '));
  }

  for (const file of files) {
    const text = texts.get(file);
    const lines = text.split('\n');
    const inDbLayer = /^shared\/(platform\/db|[^/]+\/db)\//.test(file) || file.startsWith('infra/');
    lines.forEach((line, i) => {
      if (!inDbLayer && !file.startsWith('web/') && /\.unsafe\(/.test(line)) {
        report(
          file,
          i + 1,
          'sql.unsafe only in the database layer and the local cluster bootstrap',
          line.trim(),
        );
      }
      if ((file.startsWith('functions/') || file.startsWith('shared/')) && /console\.log\(/.test(line)) {
        report(
          file,
          i + 1,
          'handlers never log request data (no console.log in functions/ or shared/)',
          line.trim(),
        );
      }
    });
  }
  return violations;
}

/** Strongly connected components with more than one file (Tarjan), each as a path of files. */
function cycles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), indices.get(w)));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const violations = checkArchitecture(root);
  for (const v of violations) console.error(`${v.file}:${v.line}: breaks rule «${v.rule}»\n    ${v.detail}`);
  if (violations.length) process.exit(1);
  console.log('architecture rules hold');
}
