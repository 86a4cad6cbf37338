import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { Link } from 'wouter';
import { FreshnessBadge, HealthBadge } from '../ui/badges';
import type { RouterRow, SortKey } from './fleet-rows';

const ROW_HEIGHT = 34;

const COLUMNS: readonly { readonly key: SortKey; readonly label: string }[] = [
  { key: 'health', label: 'Health' },
  { key: 'hostname', label: 'Hostname' },
  { key: 'fleetName', label: 'Fleet' },
  { key: 'model', label: 'Model' },
  { key: 'redundancyMode', label: 'Mode' },
  { key: 'softwareVersion', label: 'IOS XE' },
  { key: 'freshness', label: 'Observed' },
];

export interface Sort {
  readonly key: SortKey;
  readonly descending: boolean;
}

/**
 * The routers as a table whose body renders only the rows in view (plus a few), so 10,000 or 100,000 rows
 * scroll as smoothly as 10. Each row links to the router's page.
 */
export function RouterTable(props: {
  readonly rows: readonly RouterRow[];
  readonly sort: Sort;
  readonly onSort: (sort: Sort) => void;
  /** Why each router that is not protected is not, by router id. */
  readonly gaps: ReadonlyMap<string, string>;
}) {
  const { rows, sort, onSort, gaps } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => rows[i]?.id ?? i,
  });

  return (
    <div className="router-table" role="table" aria-label="routers" aria-rowcount={rows.length + 1}>
      <div role="rowgroup">
        <div role="row" className="router-row router-head" aria-rowindex={1}>
          {COLUMNS.map((column) => {
            const active = sort.key === column.key;
            return (
              <div role="columnheader" key={column.key} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button type="button" onClick={() => onSort({ key: column.key, descending: active ? !sort.descending : false })}>
                  {column.label}
                  <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </div>
            );
          })}
          <div role="columnheader">Why not protected</div>
        </div>
      </div>
      <div ref={scroller} className="router-scroll" role="rowgroup" data-testid="router-rows">
        {rows.length === 0 && <p className="empty">No router matches.</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index] as RouterRow;
            return (
              <Link
                key={item.key}
                href={`/routers/${encodeURIComponent(row.hostname)}`}
                role="row"
                aria-rowindex={item.index + 2}
                className="router-row"
                data-hostname={row.hostname}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <span role="cell">
                  <HealthBadge health={row.health} />
                </span>
                <span role="cell" className="mono">
                  {row.hostname}
                </span>
                <span role="cell">{row.fleetName}</span>
                <span role="cell">{row.model}</span>
                <span role="cell">{row.redundancyMode}</span>
                <span role="cell" className="mono">
                  {row.softwareVersion}
                </span>
                <span role="cell">
                  <FreshnessBadge freshness={row.freshness} observedAt={row.observedAt} />
                </span>
                <span role="cell" className="gap small" title={gaps.get(row.id)} data-testid="gap">
                  {row.health === 'protected' ? '' : (gaps.get(row.id) ?? '…')}
                </span>
              </Link>
            );
          })}
        </div>
      </div>
    </div>
  );
}
