import { useState } from 'react';
import { Link } from 'wouter';
import { useScenarioListLive } from '../api/catalog-events';
import type { Page, Scenario } from '../api/types';
import { useQuery } from '../api/use-query';
import { useSession } from '../session/session';
import { ErrorBox, Loading, Pager } from '../ui/feedback';
import { formatDateTime } from '../ui/format';
import { SCENARIO_LIST } from './scenario-queries';

const LIMIT = 50;

/** The stored scenarios, updated live as they are created, changed or deleted; operators may write new ones. */
export function ScenarioListPage() {
  const session = useSession();
  const [offset, setOffset] = useState(0);
  const list = useQuery<{ scenarios: Page<Scenario> }>(SCENARIO_LIST, { limit: LIMIT, offset }, { keepPrevious: true });
  const page = list.data?.scenarios;
  useScenarioListLive(list.reload);
  return (
    <section className="page">
      <header className="page-head">
        <h1>Scenarios</h1>
        {session.may('operate') && (
          <Link href="/scenarios/new" className="button primary" data-testid="new-scenario">
            New scenario
          </Link>
        )}
      </header>
      {list.error && <ErrorBox error={list.error} title="The scenarios could not be loaded" />}
      {!page ? (
        !list.error && <Loading what="scenarios" />
      ) : (
        <div className="card">
          <table className="data-table" data-testid="scenario-list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Description</th>
                <th>Revision</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/scenarios/${encodeURIComponent(s.name)}`} className="mono">
                      {s.name}
                    </Link>
                  </td>
                  <td>{s.description}</td>
                  <td>{s.revision}</td>
                  <td className="nowrap">{formatDateTime(s.updatedAt)}</td>
                </tr>
              ))}
              {page.items.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    No scenario stored yet.{session.may('operate') ? ' Write one with “New scenario”.' : ''}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <Pager offset={offset} limit={LIMIT} total={page.total} onOffset={setOffset} />
        </div>
      )}
    </section>
  );
}
