import { useState } from 'react';
import type { Change, Page, RouterDetail } from '../api/types';
import { useQuery, useReloadOn } from '../api/use-query';
import { ErrorBox, Loading, Pager } from '../ui/feedback';
import { formatDateTime, formatRelative } from '../ui/format';
import { useNow } from '../ui/use-now';
import { type ChangeComponent, changedFields, componentValue } from './change-text';
import { ROUTER_CHANGES } from './router-queries';

const LIMIT = 20;

/** The parts of the router its change log names: itself, each RP's host and hypervisor, each IOS instance, each ESP. */
function componentsOf(router: RouterDetail): ChangeComponent[] {
  const slots = router.routeProcessors.map((rp) => rp.slot);
  return [
    { entity: 'router', entityKey: null },
    ...router.routeProcessors.flatMap((rp) => rp.host.hypervisor.guests.map((g) => ({ entity: 'instance' as const, entityKey: g.name }))),
    ...router.esps.map((e) => ({ entity: 'esp' as const, entityKey: e.slot })),
    ...slots.map((slot) => ({ entity: 'host' as const, entityKey: slot })),
    ...slots.map((slot) => ({ entity: 'hypervisor' as const, entityKey: slot })),
  ];
}

function ChangeRow({ change, now }: { readonly change: Change; readonly now: number }) {
  const fields = changedFields(change.before, change.after, formatDateTime);
  return (
    <tr>
      <td className="nowrap">
        <time dateTime={change.at} title={formatDateTime(change.at)}>
          {formatRelative(change.at, now)}
        </time>
      </td>
      <td className="mono">{change.actor}</td>
      <td>
        {change.entity} <span className="mono">{change.entityKey}</span>
      </td>
      <td>{change.action}</td>
      <td className="small">
        <ul className="plain change-fields">
          {fields.map((f) => (
            <li key={f.field}>
              <span className="muted">{f.field}</span> {f.before} → <b>{f.after}</b>
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

/**
 * The router's change log, newest first, filterable by component; RF states by name, times relative with the
 * exact time on hover. Reloads when `version` (the router's state version) moves.
 */
export function ChangeLog({ router, version }: { readonly router: RouterDetail; readonly version: number }) {
  const [offset, setOffset] = useState(0);
  const [component, setComponent] = useState<ChangeComponent | null>(null);
  const now = useNow(10_000);
  const variables = { id: router.id, limit: LIMIT, offset, entity: component?.entity ?? null, entityKey: component?.entityKey ?? null };
  const changes = useQuery<{ router: { changes: Page<Change> } | null }>(ROUTER_CHANGES, variables, { keepPrevious: true });
  const { reload } = changes;
  useReloadOn(version, reload);
  const components = componentsOf(router);

  const choose = (value: string) => {
    setComponent(components.find((c) => componentValue(c) === value) ?? null);
    setOffset(0);
  };
  const filter = (
    <div className="filters">
      <label>
        Component{' '}
        <select value={component ? componentValue(component) : ''} onChange={(e) => choose(e.target.value)} data-testid="change-component">
          <option value="">All components</option>
          {components.map((c) => (
            <option key={componentValue(c)} value={componentValue(c)}>
              {componentValue(c)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );

  if (changes.error) return <ErrorBox error={changes.error} title="The change log could not be loaded" />;
  const page = changes.data?.router?.changes;
  if (!page) return <Loading what="changes" />;
  return (
    <div>
      {filter}
      {/* Focusable so a keyboard can scroll it sideways on a narrow screen. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="change log">
        <table className="data-table" data-testid="change-log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Action</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((c) => (
              <ChangeRow key={c.id} change={c} now={now} />
            ))}
            {page.items.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {component ? `No change of ${componentValue(component)} recorded yet.` : 'No change recorded yet.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager offset={offset} limit={LIMIT} total={page.total} onOffset={setOffset} />
    </div>
  );
}
