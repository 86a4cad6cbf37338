import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { graphql } from '../api/graphql';
import type { Scenario } from '../api/types';
import { useQuery } from '../api/use-query';
import { useSession } from '../session/session';
import { ConfirmAction } from '../ui/confirm-action';
import { ErrorBox, Loading, NotFound } from '../ui/feedback';
import { formatDateTime } from '../ui/format';
import { LaunchForm } from './launch-form';
import { CREATE, DELETE, NEW_SCENARIO, SCENARIO, UPDATE } from './scenario-queries';
import { useValidation } from './use-validation';
import { YamlEditor } from './yaml-editor';

/** A stored scenario (or a new one, `id` null) in a YAML editor that shows validation errors at their lines. */
export function ScenarioEditorPage({ id }: { readonly id: string | null }) {
  const session = useSession();
  const [, navigate] = useLocation();
  const stored = useQuery<{ scenario: Scenario | null }>(SCENARIO, { id: id ?? '' }, { skip: id === null });
  const original = id === null ? NEW_SCENARIO : (stored.data?.scenario?.source ?? null);
  const [source, setSource] = useState<string | null>(id === null ? NEW_SCENARIO : null);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (original !== null) setSource((s) => s ?? original);
  }, [original]);

  const text = source ?? '';
  const validation = useValidation(text);
  const canWrite = session.may('operate');
  const scenario = stored.data?.scenario ?? null;
  const dirty = source !== null && source !== original;

  async function save() {
    setSaving(true);
    setSaveError(null);
    try {
      if (id === null) {
        const created = (await graphql<{ createScenario: Scenario }>(session.key, CREATE, { source: text })).createScenario;
        navigate(`/scenarios/${encodeURIComponent(created.name)}`, { replace: true });
      } else {
        const updated = (await graphql<{ updateScenario: Scenario }>(session.key, UPDATE, { id: scenario?.id ?? id, source: text })).updateScenario;
        stored.update(() => ({ scenario: { ...(scenario as Scenario), ...updated, source: text } }));
        if (updated.name !== scenario?.name) navigate(`/scenarios/${encodeURIComponent(updated.name)}`, { replace: true });
      }
    } catch (e) {
      setSaveError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    await graphql(session.key, DELETE, { id: scenario?.id ?? id });
    navigate('/scenarios');
  }

  if (id !== null && stored.error) return <ErrorBox error={stored.error} title="The scenario could not be loaded" />;
  if (id !== null && stored.loading) return <Loading what="the scenario" />;
  if (id !== null && !scenario) {
    return (
      <NotFound>
        No scenario <b className="mono">{id}</b>. <Link href="/scenarios">All scenarios</Link>
      </NotFound>
    );
  }
  return (
    <section className="page scenario-page">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link href="/scenarios">Scenarios</Link>
          </p>
          <h1 className="mono">{scenario?.name ?? 'New scenario'}</h1>
          {scenario && (
            <p className="muted small">
              revision {scenario.revision}, updated {formatDateTime(scenario.updatedAt)}
            </p>
          )}
        </div>
        {canWrite && (
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={saving || (!dirty && id !== null) || validation.valid === false}
              onClick={() => void save()}
              data-testid="save-scenario"
            >
              {saving ? 'Saving…' : id === null ? 'Create' : 'Save'}
            </button>
            {id !== null && (
              <ConfirmAction
                testId="delete-scenario"
                label="Delete…"
                confirmLabel="Delete for good"
                busyLabel="Deleting…"
                keepLabel="Keep"
                errorTitle="The scenario was not deleted"
                confirmText={
                  <>
                    Delete the scenario <b className="mono">{scenario?.name ?? id}</b>? This cannot be undone.
                  </>
                }
                onConfirm={remove}
              />
            )}
          </div>
        )}
      </header>
      {saveError && <ErrorBox error={saveError} title="Not saved" />}
      <div className="card">
        {source === null ? <Loading what="the source" /> : <YamlEditor value={text} onChange={setSource} readOnly={!canWrite} errors={validation.errors} />}
        <div className="validation" data-testid="validation" aria-live="polite">
          {validation.failure && <p className="error">Could not validate: {validation.failure}</p>}
          {validation.valid === true && <p className="ok">Valid scenario.</p>}
          {validation.errors.length > 0 && (
            <ul className="error-list">
              {validation.errors.map((e, i) => (
                <li key={i} data-line={e.line ?? ''}>
                  <span className="mono">{e.line === null ? 'file' : `line ${e.line}${e.column === null ? '' : `, column ${e.column}`}`}</span>: {e.message}{' '}
                  <span className="muted">({e.code})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {canWrite && (
        <div className="card">
          <h2>Launch a run</h2>
          {validation.valid === false ? (
            <p className="muted">Fix the errors above to launch this scenario.</p>
          ) : dirty || id === null ? (
            <LaunchForm source={text} />
          ) : (
            <LaunchForm scenario={scenario?.name ?? ''} />
          )}
        </div>
      )}
    </section>
  );
}
