export const RUN_FIELDS =
  'id scenario status verdict iterations target start progress { routersDone routerCount shards percent } createdBy createdAt finishedAt';

export const RUN_LIST = `query Runs($limit: Int!, $offset: Int!) { runs(limit: $limit, offset: $offset) { total items { ${RUN_FIELDS} } } }`;

export const DISTRIBUTION = 'p50 p95 max missing';
/** Fields of a result row; `RESULT_ARGS` are the filters of `Run.results`. */
export const RESULT_FIELDS =
  'hostname model verdict controlPlaneOutageMs dataPlaneOutageMs redundancyRestoredMs switchovers dualActiveMs mode startState failedExpectations';
const RESULT_VARS = '$verdict: Verdict, $model: String, $mode: String, $start: String, $expectation: String, $search: String';
const RESULT_ARGS = 'verdict: $verdict, model: $model, mode: $mode, start: $start, expectation: $expectation, search: $search';

export const RUN_DETAIL = `query Run($id: ID!, ${RESULT_VARS}, $limit: Int!, $offset: Int!) {
  run(id: $id) {
    ${RUN_FIELDS} scenarioId error seed startedAt waiting { since reason }
    aggregate {
      results pass fail error
      controlPlaneOutageMs { ${DISTRIBUTION} } dataPlaneOutageMs { ${DISTRIBUTION} }
      redundancyRestoredMs { ${DISTRIBUTION} } switchovers { ${DISTRIBUTION} }
    }
    results(${RESULT_ARGS}, limit: $limit, offset: $offset) { total items { ${RESULT_FIELDS} } }
  }
}`;

export const RUN_HISTOGRAM = `query RunHistogram($id: ID!, $metric: OutageMetric!, $buckets: Int!) {
  run(id: $id) { id histogram(metric: $metric, buckets: $buckets) { lower upper count } }
}`;

/** What the run page's "Why routers failed" panel shows: failing expectations and cause groups. */
export const RUN_WHY = `query RunWhy($id: ID!) {
  run(id: $id) {
    id
    failingExpectations(limit: 5) { total items { expect failed evaluated observedMin observedMax samples { router observed limit { min max } } } }
    causeGroups(limit: 8) { total items { dimension value failed routers } }
  }
}`;

/** Why one router got its verdict, with its timeline. */
export const ROUTER_WHY = `query RouterWhy($id: ID!, $hostname: String!, $limit: Int!) {
  run(id: $id) {
    id
    routerResult(hostname: $hostname) { hostname model verdict error mode startState start expectations { expect verdict observed limit { min max } } }
    timeline(router: $hostname, limit: $limit) { total items { tMs router component event from to } }
  }
}`;

/** Hostnames of a run's routers that contain the typed text, for the timeline's router picker. */
export const RUN_ROUTER_SEARCH = `query RunRouterSearch($id: ID!, $search: String, $limit: Int!) {
  run(id: $id) { id results(search: $search, limit: $limit) { total items { hostname verdict } } }
}`;

export const RUN_TIMELINE = `query RunTimeline($id: ID!, $router: String, $limit: Int!, $hostname: String!) {
  run(id: $id) { id timeline(router: $router, limit: $limit) { total items { tMs router component event from to } } routerStart(hostname: $hostname) }
}`;

const PROGRESS_FIELDS = 'runId status routersDone routerCount verdict deleted';

/** Progress of every run. */
export const ALL_RUNS_PROGRESS = `subscription RunsProgress { runProgress { ${PROGRESS_FIELDS} } }`;

/** Progress of one run. */
export const RUN_PROGRESS = `subscription RunProgress($runId: ID!) { runProgress(runId: $runId) { ${PROGRESS_FIELDS} } }`;

export const CANCEL_RUN = 'mutation CancelRun($id: ID!) { cancelRun(id: $id) { id status } }';

export const DELETE_RUN = 'mutation DeleteRun($id: ID!) { deleteRun(id: $id) }';
