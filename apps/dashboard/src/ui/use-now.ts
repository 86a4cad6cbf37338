import { useEffect, useState } from 'react';

/** The wall clock in ms, updated every `intervalMs` while the component is mounted (for countdowns and "ago"). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
