export const RUN_FIELDS = 'id scenario status verdict iterations target start progress { routersDone routerCount shards percent } createdBy createdAt finishedAt';

export const RUN_LIST = `query Runs($limit: Int!, $offset: Int!) { runs(limit: $limit, offset: $offset) { total items { ${RUN_FIELDS} } } }`;

export const DISTRIBUTION = 'p50 p95 max missing';
export const RUN_DETAIL = `query Run($id: ID!, $verdict: Verdict, $limit: Int!, $offset: Int!) {
  run(id: $id) {
    ${RUN_FIELDS} scenarioId error seed startedAt waiting { since reason }
    aggregate {
      results pass fail error
      controlPlaneOutageMs { ${DISTRIBUTION} } dataPlaneOutageMs { ${DISTRIBUTION} }
      redundancyRestoredMs { ${DISTRIBUTION} } switchovers { ${DISTRIBUTION} }
    }
    results(verdict: $verdict, limit: $limit, offset: $offset) {
      total items { hostname model verdict controlPlaneOutageMs dataPlaneOutageMs redundancyRestoredMs switchovers dualActiveMs }
    }
  }
}`;

export const RUN_HISTOGRAM = `query RunHistogram($id: ID!, $metric: OutageMetric!, $buckets: Int!) {
  run(id: $id) { id histogram(metric: $metric, buckets: $buckets) { lower upper count } }
}`;

export const RUN_TIMELINE = `query RunTimeline($id: ID!, $router: String, $limit: Int!, $hostname: String!) {
  run(id: $id) { id timeline(router: $router, limit: $limit) { total items { tMs router component event from to } } routerStart(hostname: $hostname) }
}`;

const PROGRESS_FIELDS = 'runId status routersDone routerCount verdict';

/** Progress of every run. */
export const ALL_RUNS_PROGRESS = `subscription RunsProgress { runProgress { ${PROGRESS_FIELDS} } }`;

/** Progress of one run. */
export const RUN_PROGRESS = `subscription RunProgress($runId: ID!) { runProgress(runId: $runId) { ${PROGRESS_FIELDS} } }`;

export const CANCEL_RUN = 'mutation CancelRun($id: ID!) { cancelRun(id: $id) { id status } }';

export const DELETE_RUN = 'mutation DeleteRun($id: ID!) { deleteRun(id: $id) }';
