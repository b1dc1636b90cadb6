import { useEffect, useState } from 'react';

/**
 * A counter that ticks every `ms` while `active`: part of a data source's key, it reloads the data (an import
 * in progress followed until it ends).
 */
export function useRefreshWhile(active: boolean, ms = 3000): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
  return tick;
}
