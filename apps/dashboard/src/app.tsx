import { lazy, Suspense } from 'react';
import { Link, Route, Switch, useRoute } from 'wouter';
import type { LiveStatus } from './api/live';
import { OverviewPage } from './fleet/overview-page';
import { ForecastsPage } from './forecast/forecasts-page';
import { RiskPage } from './risk/risk-page';
import { RouterPage } from './router/router-page';
import { RunListPage } from './runs/run-list-page';
import { ScenarioListPage } from './scenarios/scenario-list-page';
import { SessionRoot, useSession } from './session/session';
import { Loading, NotFound } from './ui/feedback';

// The chart library and the editor load with the pages that use them, not with the fleet overview.
const RunPage = lazy(() => import('./runs/run-page').then((m) => ({ default: m.RunPage })));
const AuditPage = lazy(() => import('./risk/audit-page').then((m) => ({ default: m.AuditPage })));
const ForecastPage = lazy(() => import('./forecast/forecast-page').then((m) => ({ default: m.ForecastPage })));
const ScenarioEditorPage = lazy(() => import('./scenarios/scenario-editor-page').then((m) => ({ default: m.ScenarioEditorPage })));
// Fleet management pages, used now and then: loaded when opened.
const FleetsPage = lazy(() => import('./manage/fleets-page').then((m) => ({ default: m.FleetsPage })));
const FleetPage = lazy(() => import('./manage/fleet-page').then((m) => ({ default: m.FleetPage })));
const BulkObservationsPage = lazy(() => import('./manage/bulk-observations-page').then((m) => ({ default: m.BulkObservationsPage })));
const KeysPage = lazy(() => import('./manage/keys-page').then((m) => ({ default: m.KeysPage })));

const LIVE_TEXT: Readonly<Record<LiveStatus, string>> = {
  connecting: 'connecting…',
  connected: 'live',
  reconnecting: 'reconnecting…',
  refused: 'live updates refused',
};

function NavLink({ href, children, also }: { readonly href: string; readonly children: string; readonly also?: string }) {
  const [exact] = useRoute(href);
  const [nested] = useRoute(also ?? `${href}/*`);
  return (
    <Link href={href} className="nav-link" aria-current={exact || nested ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function Header() {
  const session = useSession();
  return (
    <header className="top">
      <Link href="/" className="brand">
        asr-twin
      </Link>
      <nav aria-label="main">
        <NavLink href="/" also="/routers/*">
          Fleet
        </NavLink>
        <NavLink href="/scenarios">Scenarios</NavLink>
        <NavLink href="/runs">Runs</NavLink>
        <NavLink href="/risk">Risk</NavLink>
        <NavLink href="/forecast">Forecast</NavLink>
        <NavLink href="/fleets" also="/observations">
          Fleets
        </NavLink>
        {session.may('administer') && <NavLink href="/keys">API keys</NavLink>}
      </nav>
      <span className={`live live-${session.liveStatus}`} data-testid="live-status" title="live updates over the GraphQL WebSocket">
        {LIVE_TEXT[session.liveStatus]}
      </span>
      <span className="who" data-testid="who">
        {session.me.name} <span className={`badge role-${session.me.role}`}>{session.me.role}</span>
      </span>
      <button type="button" className="link" onClick={session.signOut} data-testid="sign-out">
        Sign out
      </button>
    </header>
  );
}

function Pages() {
  return (
    <Suspense fallback={<Loading what="the page" />}>
      <Switch>
        <Route path="/">{() => <OverviewPage />}</Route>
        <Route path="/routers/:id">{(p) => <RouterPage key={p.id} id={decodeURIComponent(p.id)} />}</Route>
        <Route path="/scenarios">{() => <ScenarioListPage />}</Route>
        <Route path="/scenarios/new">{() => <ScenarioEditorPage key="new" id={null} />}</Route>
        <Route path="/scenarios/:id">{(p) => <ScenarioEditorPage key={p.id} id={decodeURIComponent(p.id)} />}</Route>
        <Route path="/runs">{() => <RunListPage />}</Route>
        <Route path="/runs/:id">{(p) => <RunPage key={p.id} id={p.id} />}</Route>
        <Route path="/risk">{() => <RiskPage />}</Route>
        <Route path="/risk/:id">{(p) => <AuditPage key={p.id} id={p.id} />}</Route>
        <Route path="/fleets">{() => <FleetsPage />}</Route>
        <Route path="/fleets/:id">{(p) => <FleetPage key={p.id} id={decodeURIComponent(p.id)} />}</Route>
        <Route path="/observations">{() => <BulkObservationsPage />}</Route>
        <Route path="/keys">{() => <KeysPage />}</Route>
        <Route path="/forecast">{() => <ForecastsPage />}</Route>
        <Route path="/forecast/:id">{(p) => <ForecastPage key={p.id} id={p.id} />}</Route>
        <Route>
          <NotFound>
            This page does not exist. <Link href="/">Back to the fleet</Link>
          </NotFound>
        </Route>
      </Switch>
    </Suspense>
  );
}

/** The dashboard: sign-in, then the fleet, routers, scenarios, runs, risk audits and availability forecasts. */
export function App() {
  return (
    <SessionRoot>
      <Header />
      <main className="content">
        <Pages />
      </main>
    </SessionRoot>
  );
}
