import { useState } from 'react';
import type { ShowCommand } from '../api/types';
import { useQuery, useReloadOn } from '../api/use-query';
import { ErrorBox, Loading } from '../ui/feedback';
import { ROUTER_SHOW } from './router-queries';

const COMMANDS: readonly { readonly value: ShowCommand; readonly label: string }[] = [
  { value: 'redundancy', label: 'show redundancy' },
  { value: 'redundancy_states', label: 'show redundancy states' },
  { value: 'version', label: 'show version' },
  { value: 'platform', label: 'show platform' },
];

/** The router as its IOS-XE CLI would print it, for the chosen `show` command; reloads with the state. */
export function ShowPanel({ routerId, version }: { readonly routerId: string; readonly version: number }) {
  const [command, setCommand] = useState<ShowCommand>('redundancy');
  const show = useQuery<{ router: { show: string } | null }>(ROUTER_SHOW, { id: routerId, command }, { keepPrevious: true });
  const { reload } = show;
  useReloadOn(version, reload);
  return (
    <div>
      <div className="toolbar">
        <label>
          Command{' '}
          <select value={command} onChange={(e) => setCommand(e.target.value as ShowCommand)} aria-label="show command">
            {COMMANDS.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {show.error && <ErrorBox error={show.error} title="The output could not be loaded" />}
      {show.data?.router ? (
        <pre className="cli" data-testid="show-output" tabIndex={0} aria-label="CLI output">
          {show.data.router.show}
        </pre>
      ) : (
        !show.error && <Loading what="output" />
      )}
    </div>
  );
}
