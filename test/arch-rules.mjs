// Architecture rules as checks (ENGINEERING §2.7): run by `npm run lint`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function files(dir) {
  const out = [];
  for (const entry of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, entry);
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...files(rel));
    else if (/\.(ts|tsx|mts|mjs)$/.test(entry)) out.push(rel);
  }
  return out;
}

const rules = [
  {
    name: 'shared/domain imports no AWS SDK, HTTP, SOAP, database or Lambda types',
    files: files('shared/domain'),
    bad: /from ['"](@aws-sdk\/|aws-lambda|soap|postgres|node:http|pg-boss|\.\.\/\.\.\/db|\.\.\/db)/,
  },
  {
    name: 'sql.unsafe only in the database layer (migrations, COPY) and the local cluster bootstrap',
    files: [
      ...files('functions'),
      ...files('shared/domain'),
      ...files('shared/formats'),
      ...files('shared/platform/ports'),
    ],
    bad: /\.unsafe\(/,
  },
  {
    name: 'web talks only to the REST API: no imports from shared/, functions/ or infra/',
    files: files('web/src'),
    bad: /from ['"](\.\.\/)+(shared|functions|infra)\//,
  },
  {
    name: 'handlers never log request data (no console.log in functions/ or shared/)',
    files: [...files('functions'), ...files('shared')],
    bad: /console\.log\(/,
  },
];

let failures = 0;
for (const rule of rules) {
  for (const file of rule.files) {
    readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (rule.bad.test(line)) {
          failures++;
          console.error(`${file}:${i + 1}: breaks rule «${rule.name}»\n    ${line.trim()}`);
        }
      });
  }
}
if (failures) process.exit(1);
console.log(`architecture rules: ${rules.length} rules hold`);
