/** GraphQL documents of the Forecast pages. */

const FORECAST_FIELDS = `id status error selector periodMs trials seed whatIf createdBy createdAt finishedAt
  progress { routersDone routerCount percent }`;

export const FORECAST_LIST = `query Forecasts($limit: Int!, $offset: Int!) { forecasts(limit: $limit, offset: $offset) { total limit offset items { ${FORECAST_FIELDS} } } }`;

const DELTA = 'baselineS whatIfS deltaS ciLowS ciHighS';
const ROLLUP = 'key routers controlPlaneMeanS dataPlaneMeanS worst';

export const FORECAST_DETAIL = `query Forecast($id: ID!) { forecast(id: $id) { ${FORECAST_FIELDS}
  summary { routers simulations errors controlPlaneMeanS dataPlaneMeanS
    histogram { buckets controlPlane dataPlane }
    causes { cause controlPlaneS dataPlaneS dataPlaneShare }
    worstRouters { rank hostname model redundancy site controlPlaneMeanS dataPlaneMeanS dataPlaneP95S dataPlaneNines causes { cause dataPlaneS dataPlaneShare failuresPerYear } }
    rollups { byModel { ${ROLLUP} } byMode { ${ROLLUP} } bySite { ${ROLLUP} } }
    comparison { changes refused controlPlane { ${DELTA} } dataPlane { ${DELTA} } routers { hostname controlPlane { ${DELTA} } dataPlane { ${DELTA} } } } } } }`;

export const CREATE_FORECAST = 'mutation CreateForecast($input: CreateForecastInput!) { createForecast(input: $input) { id } }';
export const CANCEL_FORECAST = 'mutation CancelForecast($id: ID!) { cancelForecast(id: $id) { id status } }';

export const FORECAST_PROGRESS = `subscription ForecastProgress($forecastId: ID) {
  forecastProgress(forecastId: $forecastId) { forecastId status routersDone routerCount } }`;

export const FORECAST_FLEETS = 'query ForecastFleets { fleets(limit: 100) { total items { id name } } }';
