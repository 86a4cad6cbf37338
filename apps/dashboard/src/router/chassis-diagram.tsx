import type { Esp, IosInstance, RouteProcessor, RouterDetail } from '../api/types';
import { formatDateTime } from '../ui/format';
import { stateTone } from '../ui/state-tone';

function Instance({ instance }: { readonly instance: IosInstance }) {
  const rf = `${instance.rfState.code} ${instance.rfState.name}`;
  return (
    <div className={`node ios tone-${stateTone(instance.rfState.name)}`} data-testid={`ios-${instance.name}`}>
      <div className="node-title">
        IOS <span className="mono">{instance.name}</span> <span className="muted">({instance.role})</span>
      </div>
      <div className="rf-state" data-testid={`rf-${instance.name}`} title={`RF state since ${formatDateTime(instance.stateSince)}`}>
        {rf}
      </div>
      <dl className="facts">
        <dt>libvirt</dt>
        <dd className={`tone-text-${stateTone(instance.domainState)}`}>{instance.domainState}</dd>
        <dt>unit</dt>
        <dd>{instance.unit}</dd>
        <dt>IOS XE</dt>
        <dd className="mono">{instance.softwareVersion}</dd>
        <dt>config</dt>
        <dd>v{instance.configVersion}</dd>
      </dl>
    </div>
  );
}

function Processor({ rp }: { readonly rp: RouteProcessor }) {
  const { host } = rp;
  const kvm = host.hypervisor;
  return (
    <div className="node rp" data-testid={`rp-${rp.slot}`}>
      <div className="node-title">
        RP <span className="mono">{rp.slot}</span> <span className="muted">{rp.pid}</span>
      </div>
      <div className={`node host tone-${stateTone(host.state)}`}>
        <div className="node-title">
          Linux host <span className="state">{host.state}</span>
        </div>
        <div className="muted small">
          kernel {host.kernelVersion} · {host.cpuCores} cores · {Math.round(host.memoryMb / 1024)} GB
        </div>
        <div className={`node kvm tone-${stateTone(kvm.state)}`}>
          <div className="node-title">
            {kvm.kind.toUpperCase()} <span className="state">{kvm.state}</span> <span className="muted small">{kvm.version}</span>
          </div>
          <div className="guests">
            {kvm.guests.map((g) => (
              <Instance key={g.name} instance={g} />
            ))}
            {kvm.guests.length === 0 && <p className="muted small">no IOS guest</p>}
          </div>
        </div>
      </div>
    </div>
  );
}

function EspBox({ esp }: { readonly esp: Esp }) {
  return (
    <div className={`node esp tone-${esp.forwarding ? 'good' : stateTone(esp.state)}`} data-testid={`esp-${esp.slot}`}>
      <div className="node-title">
        ESP <span className="mono">{esp.slot}</span> <span className="muted">{esp.pid}</span>
      </div>
      <dl className="facts">
        <dt>state</dt>
        <dd>{esp.state}</dd>
        <dt>role</dt>
        <dd>{esp.role}</dd>
        <dt>data plane</dt>
        <dd className={esp.forwarding ? 'tone-text-good' : esp.role === 'standby' ? 'muted' : 'tone-text-bad'}>
          {esp.forwarding ? 'forwarding' : 'not forwarding'}
        </dd>
      </dl>
    </div>
  );
}

/** The router's anatomy: chassis → route processors → Linux host → KVM → IOS VMs, and the ESPs, with live states. */
export function ChassisDiagram({ router }: { readonly router: RouterDetail }) {
  const { chassis } = router;
  return (
    <figure className="diagram" aria-label={`${router.hostname} anatomy`} data-testid="chassis-diagram">
      <div className="node chassis">
        <div className="node-title">
          Chassis <span className="mono">{chassis.model}</span>{' '}
          <span className="muted">
            {chassis.redundancyType} redundancy · {router.routeProcessors.length} RP · {router.esps.length} ESP
          </span>{' '}
          <span className="muted" data-testid="power-supplies">
            {router.powerSupplies
              .filter((p) => p.state !== 'empty')
              .map((p) => (
                <span key={p.slot} className={p.state === 'ok' ? '' : 'tone-text-bad'}>
                  {' '}
                  · <span className="mono">{p.slot}</span> {p.state === 'failed' ? 'ps, fail' : p.state}
                </span>
              ))}
          </span>
        </div>
        <div className="chassis-body">
          <div className="rps">
            {router.routeProcessors.map((rp) => (
              <Processor key={rp.slot} rp={rp} />
            ))}
          </div>
          <div className="esps">
            {router.esps.map((esp) => (
              <EspBox key={esp.slot} esp={esp} />
            ))}
          </div>
        </div>
      </div>
      {chassis.notes && <figcaption className="muted small">{chassis.notes}</figcaption>}
    </figure>
  );
}
