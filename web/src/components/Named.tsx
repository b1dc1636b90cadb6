/**
 * A directory entry by its name, the code on hover (issue 11: people read names, the code stays at hand). With no
 * name known the code is shown — better than nothing.
 */
export function Named({
  code,
  name,
}: {
  code: string | number | null | undefined;
  name: string | null | undefined;
}) {
  if (code === null || code === undefined || code === '') return <span className="muted">—</span>;
  if (!name) return <span className="cell-code">{code}</span>;
  return (
    <span title={`Код ${code}`} data-code={code}>
      {name}
    </span>
  );
}

/** `Named` as a cell or card value. */
export const named = (code: string | number | null | undefined, name: string | null | undefined) => (
  <Named code={code} name={name} />
);
