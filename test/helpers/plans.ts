import postgres from 'postgres';

/** A plan node of EXPLAIN (FORMAT JSON), as far as the checks need it. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function* nodesOf(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodesOf(child);
}

/** The tables a plan (EXPLAIN FORMAT JSON output, or one auto_explain plan) reads by sequential scan. */
export function seqScannedTables(plan: unknown): string[] {
  const roots = (Array.isArray(plan) ? plan : [plan]).map((p) => (p as { Plan: PlanNode }).Plan);
  return roots.flatMap((root) =>
    [...nodesOf(root)].filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'] ?? '?'),
  );
}

/** The indexes a plan reads. */
export function indexesUsed(plan: unknown): string[] {
  const roots = (Array.isArray(plan) ? plan : [plan]).map((p) => (p as { Plan: PlanNode }).Plan);
  return roots.flatMap((root) =>
    [...nodesOf(root)].filter((n) => n['Index Name']).map((n) => n['Index Name']!),
  );
}

/**
 * Runs `fn` on one owner connection with auto_explain reporting every statement's plan — including the
 * statements inside PL/pgSQL functions — to the client as a NOTICE, and answers those plans (JSON). The
 * statements run for real (auto_explain explains what executed), so the plans are the ones the data chose.
 */
export async function plansOf(url: string, fn: (sql: postgres.Sql) => Promise<unknown>): Promise<unknown[]> {
  const notices: string[] = [];
  const sql = postgres(url, { max: 1, onnotice: (n) => notices.push(String(n.message)) });
  try {
    await sql`load 'auto_explain'`;
    await sql`select set_config('auto_explain.log_min_duration', '0', false),
                     set_config('auto_explain.log_nested_statements', 'on', false),
                     set_config('auto_explain.log_format', 'json', false),
                     set_config('auto_explain.log_level', 'notice', false)`;
    await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
  return notices
    .map((m) => m.slice(m.indexOf('{')))
    .filter((m) => m.startsWith('{'))
    .map((m) => JSON.parse(m) as unknown);
}
