export const SCENARIO_LIST = `query Scenarios($limit: Int!, $offset: Int!) {
  scenarios(limit: $limit, offset: $offset) { total items { id name description revision updatedAt } }
}`;
export const SCENARIO = 'query Scenario($id: ID!) { scenario(id: $id) { id name description source revision updatedAt } }';
export const CREATE = 'mutation CreateScenario($source: String!) { createScenario(source: $source) { id name revision } }';
export const UPDATE = 'mutation UpdateScenario($id: ID!, $source: String!) { updateScenario(id: $id, source: $source) { id name revision } }';
export const DELETE = 'mutation DeleteScenario($id: ID!) { deleteScenario(id: $id) }';

/** The run launch form's choices of fleets and stored scenarios, and the launch itself. */
export const LAUNCH_FLEETS = 'query LaunchFleets { fleets(limit: 100) { total items { id name } } }';
export const LAUNCH_SCENARIOS = 'query LaunchScenarios { scenarios(limit: 100) { total items { id name } } }';
export const START_RUN = 'mutation StartRun($input: StartRunInput!) { startRun(input: $input) { id } }';

/** What a new scenario starts from: a valid fleet campaign to adapt. */
export const NEW_SCENARIO = `apiVersion: asr-twin/v1
kind: Scenario
metadata:
  name: my-scenario
  description: The active IOS instance crashes while its peer is STANDBY HOT.
spec:
  horizon: 30m
  selector: { fleet: sample }
  steps:
    - at: 60s
      fault: iosd-crash
      target: active
  expect:
    - metric: dataPlaneOutage
      max: 0s
    - metric: redundancyRestored
      max: 10m
    - invariant: single-active
`;
