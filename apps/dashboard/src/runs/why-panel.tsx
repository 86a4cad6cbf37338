import type { CauseGroup, FailingExpectation, Page } from '../api/types';
import { useQuery } from '../api/use-query';
import { ErrorBox, Loading } from '../ui/feedback';
import { formatCount } from '../ui/format';
import { causeText, expectationName, formatLimit, formatObserved } from './expectation-text';
import { RUN_WHY } from './run-queries';

interface Props {
  readonly runId: string;
  /** Routers of the run whose verdict is fail. */
  readonly failed: number;
  readonly results: number;
  /** Lists the routers of a group. */
  readonly onGroup: (group: CauseGroup) => void;
  /** Shows why one router failed. */
  readonly onRouter: (hostname: string) => void;
}

function observedRange(f: FailingExpectation): string {
  if (f.observedMin === f.observedMax) return formatObserved(f.expect, f.observedMin);
  return `${formatObserved(f.expect, f.observedMin)} – ${formatObserved(f.expect, f.observedMax)}`;
}

/**
 * "Why routers failed": the failing expectations with what was observed against the limit, and the groups of
 * results (model, operating mode, starting state, failed expectation) that hold the failures, each a button that
 * lists its routers. A group that holds every failure and nothing else says so.
 */
export function WhyPanel({ runId, failed, results, onGroup, onRouter }: Props) {
  const why = useQuery<{ run: { failingExpectations: Page<FailingExpectation>; causeGroups: Page<CauseGroup> } | null }>(RUN_WHY, { id: runId });
  const run = why.data?.run;
  return (
    <div className="card why-panel" data-testid="why-failed">
      <h2>Why routers failed</h2>
      <p>
        <b className="tone-text-bad">{formatCount(failed)}</b> of {formatCount(results)} routers failed.
      </p>
      {why.error && <ErrorBox error={why.error} title="The causes could not be loaded" />}
      {!run && !why.error && <Loading what="the causes" />}
      {run && (
        <div className="why-grid">
          <section>
            <h3>Failing expectations</h3>
            <table className="data-table" data-testid="failing-expectations">
              <thead>
                <tr>
                  <th>Expectation</th>
                  <th>Failed on</th>
                  <th>Observed</th>
                  <th>Limit</th>
                  <th>For example</th>
                </tr>
              </thead>
              <tbody>
                {run.failingExpectations.items.map((f) => {
                  const sample = f.samples[0];
                  return (
                    <tr key={f.expect} data-expect={f.expect}>
                      <th scope="row">{expectationName(f.expect)}</th>
                      <td>
                        {formatCount(f.failed)} of {formatCount(f.evaluated)}
                      </td>
                      <td>{observedRange(f)}</td>
                      <td>{sample ? formatLimit(f.expect, sample.limit) : '—'}</td>
                      <td>
                        {sample && (
                          <button type="button" className="link-button mono" onClick={() => onRouter(sample.router)} title={`why ${sample.router} failed`}>
                            {sample.router}: {formatObserved(f.expect, sample.observed)}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {run.failingExpectations.total > run.failingExpectations.items.length && (
              <p className="muted small">and {run.failingExpectations.total - run.failingExpectations.items.length} more expectations</p>
            )}
          </section>
          <section>
            <h3>Failures by cause</h3>
            <ul className="cause-groups" data-testid="cause-groups">
              {run.causeGroups.items.map((g) => {
                const explainsAll = g.failed === failed && g.routers === g.failed;
                return (
                  <li key={`${g.dimension}:${g.value}`}>
                    <button type="button" className="cause-group" data-testid="cause-group" data-dimension={g.dimension} onClick={() => onGroup(g)}>
                      <span>{causeText(g)}</span>: <b>{formatCount(g.failed)} failed</b> of {formatCount(g.routers)}
                    </button>
                    {explainsAll && <span className="badge verdict-fail">every failure, and only failures</span>}
                  </li>
                );
              })}
            </ul>
          </section>
        </div>
      )}
    </div>
  );
}
