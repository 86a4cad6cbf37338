/**
 * The chassis models a selector can name: the twin's models (libs/domain `CHASSIS_MODELS`; a unit test keeps
 * the two lists equal). The dashboard is a browser bundle and does not import the server's libraries.
 */
export const CHASSIS_MODELS = ['ASR1001', 'ASR1001-X', 'ASR1002', 'ASR1002-X', 'ASR1004', 'ASR1006', 'ASR1006-X', 'ASR1009-X', 'ASR1013'] as const;

/** What a run targets, as the launch form edits it. */
export type TargetChoice =
  | { readonly kind: 'scenario' }
  | { readonly kind: 'router'; readonly hostname: string }
  | { readonly kind: 'routers'; readonly hostnames: string }
  | { readonly kind: 'fleet'; readonly fleet: string }
  | { readonly kind: 'selector'; readonly fleet: string; readonly model: string; readonly labels: string };

/** `RunTargetInput` of the contract, or undefined for the scenario's own `routers`/`selector`. */
export interface RunTargetInput {
  readonly fleet?: string;
  readonly model?: string;
  readonly labels?: readonly { readonly key: string; readonly value: string }[];
  readonly routers?: readonly string[];
}

export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/** `site=ams, role=edge` → labels; each pair must be `key=value`. */
export function parseLabels(text: string): { key: string; value: string }[] {
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq <= 0 || eq === part.length - 1) throw new TargetError(`label "${part}" is not key=value`);
      return { key: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() };
    });
}

/** The target input of a launch, or a {@link TargetError} saying what is missing. */
export function toTargetInput(choice: TargetChoice): RunTargetInput | undefined {
  switch (choice.kind) {
    case 'scenario':
      return undefined;
    case 'router':
      return { routers: [choice.hostname] };
    case 'routers': {
      const routers = choice.hostnames.split(/[\s,]+/).filter((h) => h.length > 0);
      if (routers.length === 0) throw new TargetError('name at least one router hostname');
      return { routers };
    }
    case 'fleet':
      if (choice.fleet === '') throw new TargetError('choose a fleet');
      return { fleet: choice.fleet };
    case 'selector': {
      const labels = parseLabels(choice.labels);
      const target: RunTargetInput = {
        ...(choice.fleet ? { fleet: choice.fleet } : {}),
        ...(choice.model ? { model: choice.model } : {}),
        ...(labels.length > 0 ? { labels } : {}),
      };
      if (Object.keys(target).length === 0) throw new TargetError('a selector needs a fleet, a model or a label');
      return target;
    }
  }
}

/** A short description of a run's stored target (the `target` JSON: `{ kind, selector | hostnames }`) for lists. */
export function describeTarget(target: unknown): string {
  if (target === null || typeof target !== 'object') return 'unknown target';
  const t = target as { kind?: unknown; hostnames?: unknown; selector?: Record<string, unknown> };
  if (t.kind === 'scenario') return "the scenario's routers";
  if (t.kind === 'routers' && Array.isArray(t.hostnames)) {
    return t.hostnames.length === 1 ? `router ${String(t.hostnames[0])}` : `${t.hostnames.length} routers`;
  }
  const selector = t.selector ?? {};
  const parts: string[] = [];
  if (typeof selector['fleet'] === 'string') parts.push(`fleet ${selector['fleet']}`);
  if (typeof selector['model'] === 'string') parts.push(`model ${selector['model']}`);
  const labels = selector['labels'];
  if (labels && typeof labels === 'object') parts.push(...Object.entries(labels as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`));
  if (Array.isArray(selector['hostnames'])) parts.push(`${selector['hostnames'].length} hostnames`);
  return parts.length > 0 ? parts.join(', ') : 'every router';
}
