import { useEffect, useState } from 'react';

/**
 * A counter that ticks every `ms` while `active`: put it into a data source's key and the data reloads. A
 * package being imported is followed so, about once a second.
 */
export function usePollWhile(active: boolean, ms = 1000): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
  return tick;
}
