import { useEffect, useMemo, useState } from 'react';
import { graphql } from '../api/graphql';
import type { Health } from '../api/types';
import { useSession } from '../session/session';
import type { RouterRow } from './fleet-rows';
import { type GapInput, protectionGap } from './protection-gap';

/** Routers not protected are fetched with their state in pages this size. */
const PAGE = 2000;
/** Many state changes in a burst refetch once. */
const SETTLE_MS = 400;

const UNPROTECTED = `query OverviewGaps($offset: Int!, $limit: Int!) {
  routers(filter: { health: [degraded, down] }, limit: $limit, offset: $offset) {
    total
    items {
      id health redundancyMode
      redundancy { operatingMode }
      routeProcessors { slot host { state hypervisor { guests { name domainState rfState { name } } } } }
      esps { slot state forwarding }
    }
  }
}`;

interface GapRouter {
  readonly id: string;
  readonly health: Health;
  readonly redundancyMode: string;
  readonly redundancy: { readonly operatingMode: string | null };
  readonly routeProcessors: readonly {
    readonly slot: string;
    readonly host: {
      readonly state: string;
      readonly hypervisor: { readonly guests: readonly { readonly name: string; readonly domainState: string; readonly rfState: { readonly name: string } }[] };
    };
  }[];
  readonly esps: readonly { readonly slot: string; readonly state: string; readonly forwarding: boolean }[];
}

function inputOf(r: GapRouter): GapInput {
  return {
    health: r.health,
    redundancyMode: r.redundancyMode,
    operatingMode: r.redundancy.operatingMode,
    hosts: r.routeProcessors.map((rp) => ({ slot: rp.slot, state: rp.host.state })),
    instances: r.routeProcessors.flatMap((rp) => rp.host.hypervisor.guests.map((g) => ({ name: g.name, rfState: g.rfState.name, domainState: g.domainState }))),
    esps: r.esps,
  };
}

/**
 * Why each router that is not protected is not (router id → {@link protectionGap}), fetched for those routers
 * only, again whenever one of them changes health or state version.
 */
export function useProtectionGaps(rows: readonly RouterRow[]): { readonly gaps: ReadonlyMap<string, string>; readonly error: Error | null } {
  const { key } = useSession();
  const [gaps, setGaps] = useState<ReadonlyMap<string, string>>(new Map());
  const [error, setError] = useState<Error | null>(null);
  const signature = useMemo(
    () =>
      rows
        .filter((r) => r.health !== 'protected')
        .map((r) => `${r.id}:${r.health}:${r.stateVersion}`)
        .join(','),
    [rows],
  );
  useEffect(() => {
    if (signature === '') {
      setGaps(new Map());
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      void (async () => {
        const next = new Map<string, string>();
        for (let offset = 0; ; offset += PAGE) {
          const page = (await graphql<{ routers: { total: number; items: GapRouter[] } }>(key, UNPROTECTED, { offset, limit: PAGE })).routers;
          for (const r of page.items) next.set(r.id, protectionGap(inputOf(r)) ?? '');
          if (cancelled || page.items.length < PAGE || offset + PAGE >= page.total) break;
        }
        if (!cancelled) {
          setGaps(next);
          setError(null);
        }
      })().catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e : new Error(String(e)));
      });
    }, SETTLE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [signature, key]);
  return { gaps, error };
}
