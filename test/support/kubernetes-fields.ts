import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './processes.js';

/**
 * The field names of every Kubernetes object type, read from the type declarations that `kubernetes-models`
 * generates from the Kubernetes OpenAPI schema. Its validators accept unknown fields (as the API server drops
 * them), so a misspelt `readinesProbe` would pass them; {@link unknownFields} catches it.
 */
type Fields = ReadonlyMap<string, string>;

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '_schemas' ? [] : declarationFiles(path);
    return entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function loadTypes(): ReadonlyMap<string, Fields> {
  const types = new Map<string, Fields>();
  const roots = ['kubernetes-models', '@kubernetes-models/apimachinery'].map((p) => join(ROOT, 'node_modules', p));
  for (const file of roots.flatMap(declarationFiles)) {
    const text = readFileSync(file, 'utf8');
    const alias = /^export \{ (I\w+) as (IIoK8s\w+),/m.exec(text);
    if (!alias) continue;
    const body = new RegExp(`^export interface ${alias[1]}\\b[^{]*\\{\\n([\\s\\S]*?)^\\}`, 'm').exec(text)?.[1];
    if (body === undefined) continue;
    const fields = new Map<string, string>();
    // A map's type spans lines (`"labels"?: {`); only its first line is kept, which names no object type.
    for (const m of body.matchAll(/^ {4}"([^"]+)"\??: (.+?);?$/gm)) fields.set(m[1] as string, m[2] as string);
    if (/extends TypeMeta/.test(text)) {
      fields.set('apiVersion', 'string');
      fields.set('kind', 'string');
    }
    types.set(alias[2] as string, fields);
  }
  return types;
}

let cache: ReadonlyMap<string, Fields> | undefined;

/** Paths of the fields of `value` that its Kubernetes type (e.g. `IIoK8sApiAppsV1Deployment`) does not have. */
export function unknownFields(value: unknown, typeName: string, path = ''): string[] {
  cache ??= loadTypes();
  const fields = cache.get(typeName);
  if (!fields) throw new Error(`no Kubernetes type ${typeName} in kubernetes-models`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const type = fields.get(key);
    if (type === undefined) return [`${path}.${key}`];
    const nested = /^(?:Array<)?(IIoK8s\w+)>?$/.exec(type)?.[1];
    if (!nested || !cache?.has(nested)) return [];
    const items = Array.isArray(child) ? child : [child];
    return items.flatMap((item, i) => unknownFields(item, nested, Array.isArray(child) ? `${path}.${key}[${i}]` : `${path}.${key}`));
  });
}
