import { defaultSoftwareVersion, type ChassisModel, type RedundancyMode } from '@asr-twin/domain';
import type { FleetRepository, NewRouter, RouterRepository } from '@asr-twin/persistence';

export const SAMPLE_FLEET_NAME = 'sample';

interface Named {
  hostname: string;
  model: ChassisModel;
  redundancyMode?: RedundancyMode;
  site: string;
  role: 'edge' | 'core' | 'bng';
  serial: string;
}

/**
 * One router of every chassis model, two of them deliberately not protected (one RPR, one simplex) so the
 * fleet shows each health, plus a block of generated edge routers.
 */
const NAMED: readonly Named[] = [
  { hostname: 'ams-edge-01', model: 'ASR1002-X', site: 'ams', role: 'edge', serial: 'FOX1714G0A1' },
  { hostname: 'ams-edge-02', model: 'ASR1001-X', site: 'ams', role: 'edge', serial: 'FOX1714G0A2' },
  { hostname: 'ams-core-01', model: 'ASR1006', site: 'ams', role: 'core', serial: 'FOX1714G0A3' },
  { hostname: 'fra-core-01', model: 'ASR1009-X', site: 'fra', role: 'core', serial: 'FOX1714G0A4' },
  { hostname: 'fra-core-02', model: 'ASR1006-X', site: 'fra', role: 'core', serial: 'FOX1714G0A5' },
  { hostname: 'fra-bng-01', model: 'ASR1013', site: 'fra', role: 'bng', serial: 'FOX1714G0A6' },
  { hostname: 'lon-edge-01', model: 'ASR1004', site: 'lon', role: 'edge', serial: 'FOX1714G0A7' },
  { hostname: 'lon-edge-02', model: 'ASR1002', redundancyMode: 'rpr', site: 'lon', role: 'edge', serial: 'FOX1714G0A8' },
  { hostname: 'lon-edge-03', model: 'ASR1001', redundancyMode: 'none', site: 'lon', role: 'edge', serial: 'FOX1714G0A9' },
];

const GENERATED_MODELS: readonly ChassisModel[] = ['ASR1001-X', 'ASR1002-X', 'ASR1004', 'ASR1006'];
const GENERATED_COUNT = 100;

export function sampleRouters(): NewRouter[] {
  const named = NAMED.map((r) => ({
    hostname: r.hostname,
    model: r.model,
    serial: r.serial,
    // 17.3.4a, except on the RP1-era ASR1001 and ASR1002, which have no 17.x image (domain §8.11): 3.16.10S.
    softwareVersion: defaultSoftwareVersion(r.model),
    redundancyMode: r.redundancyMode ?? 'sso',
    labels: { site: r.site, role: r.role },
  }));
  const generated = Array.from({ length: GENERATED_COUNT }, (_, i) => ({
    hostname: `sample-edge-${String(i + 1).padStart(3, '0')}`,
    model: GENERATED_MODELS[i % GENERATED_MODELS.length] as ChassisModel,
    serial: `FOX1715H${String(i + 1).padStart(3, '0')}`,
    softwareVersion: i % 10 === 0 ? '16.12.5' : '17.3.4a',
    redundancyMode: 'sso' as const,
    labels: { site: ['ams', 'fra', 'lon'][i % 3] as string, role: 'edge' },
  }));
  return [...named, ...generated];
}

/** Creates the sample fleet when the database holds no fleet at all; returns whether it did. */
export async function seedSampleFleet(fleets: FleetRepository, routers: RouterRepository, actor: string): Promise<boolean> {
  const existing = await fleets.list({ limit: 1, offset: 0 });
  if (existing.total > 0) return false;
  const fleet = await fleets.create(
    { name: SAMPLE_FLEET_NAME, description: 'Sample fleet: every ASR 1000 model, in every redundancy health', labels: {} },
    actor,
  );
  await routers.insertMany(fleet.id, sampleRouters(), actor);
  return true;
}
