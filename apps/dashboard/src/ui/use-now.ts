import { useEffect, useState } from 'react';

/**
 * The wall clock in ms at this render; the component renders again every `intervalMs` while mounted (for
 * countdowns and "ago"). Read at each render, so data that arrives between ticks is never newer than "now".
 */
export function useNow(intervalMs: number): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return Date.now();
}
