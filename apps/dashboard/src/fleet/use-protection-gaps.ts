import { useEffect, useMemo, useState } from 'react';
import { graphql } from '../api/graphql';
import type * as S from '../api/schema-types.generated.js';
import { useSession } from '../session/session';
import type { RouterRow } from './fleet-rows';
import { type GapInput, protectionGap } from './protection-gap';

/** Routers not protected are fetched with their state in pages this size. */
const PAGE = 2000;
/** Many state changes in a burst refetch once. */
const SETTLE_MS = 400;

export const UNPROTECTED = `query OverviewGaps($offset: Int!, $limit: Int!) {
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

/** What {@link UNPROTECTED} selects of a router: the generated schema types, narrowed. */
type GapGuest = Pick<S.IosInstance, 'name' | 'domainState'> & { readonly rfState: Pick<S.RfState, 'name'> };
type GapRouter = Pick<S.Router, 'id' | 'health' | 'redundancyMode'> & {
  readonly redundancy: Pick<S.Redundancy, 'operatingMode'>;
  readonly routeProcessors: readonly (Pick<S.RouteProcessor, 'slot'> & {
    readonly host: Pick<S.LinuxHost, 'state'> & { readonly hypervisor: { readonly guests: readonly GapGuest[] } };
  })[];
  readonly esps: readonly Pick<S.Esp, 'slot' | 'state' | 'forwarding'>[];
};

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
