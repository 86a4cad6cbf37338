import type { Page, RouterDiagnosis, TimelineEntry } from '../api/types';
import { useQuery } from '../api/use-query';
import { VerdictBadge } from '../ui/badges';
import { ErrorBox, Loading } from '../ui/feedback';
import { expectationName, formatLimit, formatObserved } from './expectation-text';
import { StartLine } from './run-charts';
import { ROUTER_WHY } from './run-queries';
import { TimelineChart } from './timeline-chart';

const TIMELINE_LIMIT = 1000;

/** Why one router of a run got its verdict: its failed expectations with values, its starting state, its timeline. */
export function RouterWhy({ runId, hostname, onClose }: { readonly runId: string; readonly hostname: string; readonly onClose: () => void }) {
  const why = useQuery<{ run: { routerResult: RouterDiagnosis | null; timeline: Page<TimelineEntry> } | null }>(ROUTER_WHY, {
    id: runId,
    hostname,
    limit: TIMELINE_LIMIT,
  });
  const result = why.data?.run?.routerResult;
  const timeline = why.data?.run?.timeline;
  const failed = result?.expectations.filter((x) => x.verdict !== 'pass') ?? [];
  return (
    <div className="card" data-testid="router-why" data-hostname={hostname}>
      <div className="page-head">
        <h2>
          Why <span className="mono">{hostname}</span> {result && <VerdictBadge verdict={result.verdict} />}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {why.error && <ErrorBox error={why.error} title="The router's result could not be loaded" />}
      {!why.data && !why.error && <Loading what={`the result of ${hostname}`} />}
      {why.data && !result && <p className="muted">This run has no result for {hostname}.</p>}
      {result && (
        <>
          <p className="small">
            {result.model} · operating {result.mode.toUpperCase()} · started as {result.startState}
          </p>
          {result.error && <ErrorBox error={new Error(result.error)} title="The simulation of this router failed" />}
          {failed.length === 0 && !result.error && <p>Every expectation held.</p>}
          {failed.length > 0 && (
            <table className="data-table" data-testid="router-failed-expectations">
              <thead>
                <tr>
                  <th>Failed expectation</th>
                  <th>Observed</th>
                  <th>Limit</th>
                </tr>
              </thead>
              <tbody>
                {failed.map((x, k) => (
                  <tr key={`${x.expect}-${k}`}>
                    <th scope="row">{expectationName(x.expect)}</th>
                    <td>{formatObserved(x.expect, x.observed)}</td>
                    <td>{formatLimit(x.expect, x.limit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.start && <StartLine start={result.start} />}
          {timeline && timeline.items.length > 0 && <TimelineChart entries={timeline.items} />}
          {timeline && timeline.total > timeline.items.length && (
            <p className="muted small">
              The first {timeline.items.length} of {timeline.total} events are drawn.
            </p>
          )}
        </>
      )}
    </div>
  );
}
