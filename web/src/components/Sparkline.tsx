/**
 * A compact line of a few values (a forecast by day) as an inline SVG: one row high, no library — a chart
 * component per table row would outweigh the table. The values by day are in the tooltip and the accessible name.
 */
export function Sparkline({
  points,
  label,
  width = 56,
  height = 22,
}: {
  points: readonly { label: string; value: number }[];
  label: string;
  width?: number;
  height?: number;
}) {
  if (points.length === 0) return <span className="muted">—</span>;
  const values = points.map((p) => p.value);
  const max = Math.max(...values, 1);
  const min = Math.min(...values, 0);
  const span = max - min || 1;
  const step = points.length > 1 ? (width - 4) / (points.length - 1) : 0;
  const xy = values.map((v, i) => [2 + i * step, height - 2 - ((v - min) / span) * (height - 4)] as const);
  const text = `${label}: ${points.map((p) => `${p.label} — ${p.value}`).join(', ')}`;
  const last = xy[xy.length - 1]!;
  return (
    <span className="sparkline" title={text}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={text}>
        <polyline
          points={xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        />
        <circle cx={last[0]} cy={last[1]} r="2" fill="currentColor" />
      </svg>
      <span className="sparkline-last">{values[values.length - 1]}</span>
    </span>
  );
}
