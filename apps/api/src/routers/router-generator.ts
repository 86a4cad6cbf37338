import {
  type ChassisModel,
  defaultRedundancyMode,
  defaultSoftwareVersion,
  hardwareProblems,
  type FieldIssue,
  type RedundancyMode,
  ValidationError,
} from '@asr-twin/domain';
import type { NewRouter } from '@asr-twin/persistence';
import type { GenerateSpec, RouterInput } from './router.schemas.js';

/**
 * A synthetic serial number derived from the hostname (FNV-1a, base 36), so that regenerated fleets keep
 * their serials. Real ASR 1000 serials look like `SSI1289001MH`; the `TWN` prefix marks twin-made ones.
 */
export function syntheticSerial(hostname: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < hostname.length; i++) {
    h ^= hostname.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `TWN${h.toString(36).toUpperCase().padStart(7, '0')}`;
}

function mode(model: ChassisModel, requested: RedundancyMode | undefined): RedundancyMode {
  return requested ?? defaultRedundancyMode(model);
}

export function fromInput(r: RouterInput): NewRouter {
  return {
    hostname: r.hostname,
    model: r.model,
    serial: r.serial ?? syntheticSerial(r.hostname),
    softwareVersion: r.version ?? defaultSoftwareVersion(r.model),
    redundancyMode: mode(r.model, r.redundancy),
    labels: r.labels,
    ...(r.hardware === undefined ? {} : { hardware: r.hardware }),
  };
}

/**
 * Refuses routers whose population cannot exist (domain §8.10, §8.11), naming the PID and the release: every
 * problem of every router, at `<path>.hardware.<field>` (or `<path>.version` when the model's default card is
 * what cannot run the release). `pathOf(k)` is where router `k` sits in the request.
 */
export function checkPopulation(routers: readonly NewRouter[], pathOf: (k: number) => string): void {
  const issues: FieldIssue[] = [];
  routers.forEach((r, k) => {
    for (const p of hardwareProblems(r.model, r.softwareVersion, r.hardware)) {
      const declared = r.hardware !== undefined && r.hardware[p.field] !== undefined;
      issues.push({
        field: `${pathOf(k)}${declared ? `hardware.${p.field}` : p.field === 'rp' || p.field === 'esp' ? 'version' : `hardware.${p.field}`}`,
        message: `${r.hostname}: ${p.message}`,
      });
    }
  });
  if (issues.length > 0) throw new ValidationError(`impossible hardware: ${issues[0]?.message ?? ''}`, issues);
}

/**
 * `count` routers named `<prefix><n>` with `n` counting on from `firstIndex`, zero-padded to five digits;
 * models taken in turn from `models`.
 */
export function generateRouters(spec: GenerateSpec, prefix: string, firstIndex: number): NewRouter[] {
  const routers = new Array<NewRouter>(spec.count);
  for (let i = 0; i < spec.count; i++) {
    const model = spec.models[i % spec.models.length] as ChassisModel;
    const hostname = `${prefix}${String(firstIndex + i).padStart(5, '0')}`;
    routers[i] = {
      hostname,
      model,
      serial: syntheticSerial(hostname),
      softwareVersion: spec.version ?? defaultSoftwareVersion(model),
      redundancyMode: mode(model, spec.redundancy),
      labels: spec.labels,
    };
  }
  return routers;
}
