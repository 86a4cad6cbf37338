import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@asr-twin/config';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { unknownFields } from '../support/kubernetes-fields.js';
import { workerNodeFlags } from '../../scripts/worker-node-flags.mjs';
import { ROOT } from '../support/processes.js';

/**
 * `deploy/kubernetes/` checked offline against the Kubernetes JSON schemas that the `kubernetes-models` package
 * ships (apps/v1, batch/v1, autoscaling/v2, v1), then against the rules the README promises: probes on the
 * endpoints the processes serve, grace periods above SHUTDOWN_TIMEOUT_S, resources on every container, a
 * configuration the processes accept.
 */
const DIR = join(ROOT, 'deploy', 'kubernetes');

interface Manifest {
  readonly file: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string };
  readonly [key: string]: unknown;
}

type Validatable = { validate(): void };
const MODELS: Record<string, new (data: never) => Validatable> = {
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
};

function manifests(): Manifest[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((doc) => {
        if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
        return { ...(doc.toJS() as Omit<Manifest, 'file'>), file } as Manifest;
      }),
    );
}

interface Container {
  name: string;
  image: string;
  command: string[];
  ports?: { name: string; containerPort: number }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: { httpGet: { path: string; port: string | number } };
  readinessProbe?: { httpGet: { path: string; port: string | number } };
  envFrom: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
}
interface PodSpec {
  terminationGracePeriodSeconds?: number;
  containers: Container[];
}

function podSpec(m: Manifest): PodSpec {
  return (m['spec'] as { template: { spec: PodSpec } }).template.spec;
}

function find(kind: string, name: string): Manifest {
  const found = manifests().find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in deploy/kubernetes`);
  return found;
}

function configData(): Record<string, string> {
  return find('ConfigMap', 'asr-twin-config')['data'] as Record<string, string>;
}

describe('deploy/kubernetes', () => {
  it('every manifest is valid against the Kubernetes schema of its kind', () => {
    const all = manifests();
    expect(all.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'ConfigMap/asr-twin-config',
      'Deployment/asr-twin-api',
      'Deployment/asr-twin-worker',
      'HorizontalPodAutoscaler/asr-twin-worker',
      'Job/asr-twin-migrate',
      'Secret/asr-twin-secrets',
      'Service/asr-twin-api',
    ]);
    for (const m of all) {
      const Model = MODELS[`${m.apiVersion}/${m.kind}`];
      if (!Model) throw new Error(`${m.file}: no schema known for ${m.apiVersion} ${m.kind}`);
      const { file: _file, ...object } = m;
      expect(() => new Model(object as never).validate(), m.file).not.toThrow();
    }
  });

  it('no manifest has a field its Kubernetes type lacks (a misspelt field is not silently dropped)', () => {
    const TYPES: Record<string, string> = {
      Deployment: 'IIoK8sApiAppsV1Deployment',
      Job: 'IIoK8sApiBatchV1Job',
      HorizontalPodAutoscaler: 'IIoK8sApiAutoscalingV2HorizontalPodAutoscaler',
      ConfigMap: 'IIoK8sApiCoreV1ConfigMap',
      Secret: 'IIoK8sApiCoreV1Secret',
      Service: 'IIoK8sApiCoreV1Service',
    };
    for (const m of manifests()) {
      const { file: _file, ...object } = m;
      expect(unknownFields(object, TYPES[m.kind] ?? m.kind), m.file).toEqual([]);
    }
    const { file: _f, ...api } = find('Deployment', 'asr-twin-api');
    const typo = structuredClone(api) as unknown as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    const container = typo.spec.template.spec.containers[0] ?? {};
    container['readinesProbe'] = container['readinessProbe'];
    expect(unknownFields(typo, 'IIoK8sApiAppsV1Deployment')).toEqual(['.spec.template.spec.containers[0].readinesProbe']);
  });

  it('the schema check catches a broken manifest', () => {
    const api = find('Deployment', 'asr-twin-api');
    const { file: _file, ...object } = api;
    const broken = structuredClone(object) as unknown as { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    expect(() => new Deployment(broken as never).validate()).toThrow(/replicas must be integer/);
  });

  it('the kustomization lists every manifest', () => {
    const k = parseAllDocuments(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8'))[0]?.toJS() as { resources: string[] };
    expect([...k.resources].sort()).toEqual([...new Set(manifests().map((m) => m.file))].sort());
  });

  it('the ConfigMap and example Secret make a configuration the processes accept', () => {
    const secret = find('Secret', 'asr-twin-secrets')['stringData'] as Record<string, string>;
    const env = { ...configData(), ...secret, ADMIN_API_KEY: 'x'.repeat(32) };
    const config = loadConfig(env);
    expect(config.workerHttp).toEqual({ host: '0.0.0.0', port: 3001 });
    expect(config.http.port).toBe(3000);
    expect(config.shutdownDrainDelayMs).toBeLessThan(config.shutdownTimeoutMs);
  });

  it('probes, ports, grace periods and resources agree with the configuration', () => {
    const data = configData();
    const shutdownS = Number(data['SHUTDOWN_TIMEOUT_S']);
    const ports: Record<string, number> = { api: Number(data['PORT']), worker: Number(data['WORKER_HTTP_PORT']) };
    for (const name of ['api', 'worker']) {
      const spec = podSpec(find('Deployment', `asr-twin-${name}`));
      expect(spec.terminationGracePeriodSeconds, name).toBeGreaterThan(shutdownS);
      const [container] = spec.containers;
      if (!container) throw new Error(`${name}: no container`);
      const flags = name === 'worker' ? workerNodeFlags({}) : [];
      expect(container.command).toEqual(['node', ...flags, `apps/${name}/dist/main.js`]);
      const port = container.ports?.[0];
      expect(port?.containerPort, name).toBe(ports[name]);
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: port?.name });
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: port?.name });
      expect(container.resources?.requests, name).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources?.limits?.['memory'], name).toBeDefined();
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'asr-twin-config' } }, { secretRef: { name: 'asr-twin-secrets' } }]);
    }
    const job = podSpec(find('Job', 'asr-twin-migrate')).containers[0];
    expect(job?.command).toEqual(['node', 'apps/admin/dist/main.js', 'migrate', 'up']);
    expect(job?.resources?.requests).toBeDefined();
    const hpa = find('HorizontalPodAutoscaler', 'asr-twin-worker')['spec'] as { scaleTargetRef: { kind: string; name: string } };
    expect(hpa.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'asr-twin-worker' });
    const images = new Set(['api', 'worker'].map((n) => podSpec(find('Deployment', `asr-twin-${n}`)).containers[0]?.image));
    images.add(job?.image);
    expect(images.size).toBe(1);
  });
});
