import type { Health } from '../api/types';

/** What the overview reads of a router that is not protected: just enough of its state to say why. */
export interface GapInput {
  readonly health: Health;
  /** Configured: sso, rpr or none. */
  readonly redundancyMode: string;
  /** Operating mode when it differs from the configured one (e.g. RPR after an image mismatch); null: as configured. */
  readonly operatingMode: string | null;
  readonly hosts: readonly { readonly slot: string; readonly state: string }[];
  readonly instances: readonly { readonly name: string; readonly rfState: string; readonly domainState: string }[];
  readonly esps: readonly { readonly slot: string; readonly state: string; readonly forwarding: boolean }[];
}

const ACTIVE_FAMILY = /^ACTIVE/;

/**
 * Why a router is not protected, in an operator's words, every cause found joined by `; ` — `simplex`,
 * `operating RPR`, `RP R1 down`, `standby STANDBY COLD-BULK`, `standby SHUTOFF`, `no ACTIVE IOS`, `ESP F1
 * failed`, `no ESP forwarding`; null for a protected router. The health itself is the api's (`protected` needs
 * SSO, an ACTIVE instance, a STANDBY HOT peer and a forwarding ESP); this only explains it.
 */
export function protectionGap(router: GapInput): string | null {
  if (router.health === 'protected') return null;
  const causes: string[] = [];
  const mode = router.operatingMode ?? router.redundancyMode;
  const active = router.instances.find((i) => ACTIVE_FAMILY.test(i.rfState));
  const peers = router.instances.filter((i) => i !== active);
  if (mode === 'none' || router.instances.length < 2) causes.push('simplex');
  else if (mode === 'rpr') causes.push('operating RPR');
  if (router.hosts.length > 1) for (const h of router.hosts) if (h.state !== 'up') causes.push(`RP ${h.slot} ${h.state}`);
  if (!active || active.rfState !== 'ACTIVE') causes.push(active ? `active ${active.rfState}` : 'no ACTIVE IOS');
  if (mode !== 'none' && router.instances.length >= 2) {
    for (const peer of peers) {
      if (peer.domainState !== 'RUNNING') causes.push(`standby ${peer.domainState}`);
      else if (peer.rfState !== 'STANDBY HOT' && !(mode === 'rpr' && peer.rfState === 'STANDBY COLD')) causes.push(`standby ${peer.rfState}`);
    }
  }
  for (const e of router.esps) if (e.state !== 'ok') causes.push(`ESP ${e.slot} ${e.state}`);
  if (!router.esps.some((e) => e.forwarding)) causes.push('no ESP forwarding');
  return causes.length > 0 ? causes.join('; ') : router.health;
}
