import type { ShowCommand } from './parse-result.js';
import type { ShowContext } from './show-context.js';
import { renderShowPlatform } from './show-platform.renderer.js';
import { renderShowRedundancyStates } from './show-redundancy-states.renderer.js';
import { renderShowRedundancy } from './show-redundancy.renderer.js';
import { renderShowVersion } from './show-version.renderer.js';

/** The renderer of each command. */
export const SHOW_RENDERERS: { readonly [C in ShowCommand]: (ctx: ShowContext) => string } = {
  'show redundancy': renderShowRedundancy,
  'show redundancy states': renderShowRedundancyStates,
  'show version': renderShowVersion,
  'show platform': renderShowPlatform,
};

/**
 * Output of `command` for a twin router, as its IOS CLI would print it (no prompt, no echo; each line ends
 * with `\n`). Throws the domain `ValidationError` only when `ctx.state` does not fit its chassis model.
 */
export function renderShow(command: ShowCommand, ctx: ShowContext): string {
  return SHOW_RENDERERS[command](ctx);
}
