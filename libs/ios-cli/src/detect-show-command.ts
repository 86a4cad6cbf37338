import { fail, ok, SHOW_COMMANDS, type ParseResult, type ShowCommand } from './parse-result.js';
import { outputLines, promptOf, splitLines } from './text-lines.js';

/** A keyword and the shortest abbreviation the twin accepts for it (IOS accepts any unambiguous prefix). */
function abbreviates(token: string | undefined, keyword: string, minLength: number): boolean {
  if (token === undefined) return false;
  const t = token.toLowerCase();
  return t.length >= minLength && keyword.startsWith(t);
}

/**
 * The command a command line names, accepting IOS abbreviations and a leading `do`: `show redundancy
 * states`, `sh red sta`, `sh ver`, `do show plat`. `undefined` for any other command, including longer forms
 * such as `show platform diag`. Output filters (`| include …`) are ignored here; a filtered output then
 * usually fails to parse for a missing line.
 */
export function commandFromCommandLine(line: string): ShowCommand | undefined {
  const words = (line.split('|')[0] ?? '').trim().split(/\s+/);
  const [verb, noun, extra, ...rest] = words[0]?.toLowerCase() === 'do' ? words.slice(1) : words;
  if (!abbreviates(verb, 'show', 2) || rest.length > 0) return undefined;
  if (abbreviates(noun, 'version', 3)) return extra === undefined ? 'show version' : undefined;
  if (abbreviates(noun, 'platform', 3)) return extra === undefined ? 'show platform' : undefined;
  if (!abbreviates(noun, 'redundancy', 3)) return undefined;
  if (extra === undefined) return 'show redundancy';
  return abbreviates(extra, 'states', 3) ? 'show redundancy states' : undefined;
}

/** Lines that only one of the four commands prints. */
const SIGNATURES: readonly [ShowCommand, RegExp][] = [
  ['show redundancy', /^\s*(Redundant System Information\s*:|Current Processor Information\s*:|Configured Redundancy Mode\s*=|Peer \(slot:)/],
  ['show redundancy states', /^\s*my state\s*=/],
  ['show platform', /^\s*(Chassis type:|Slot\s+Type\s+State\s+Insert time)/],
  ['show version', /^\s*(Cisco IOS[ -]XE Software, Version|IOS XE Version:|\S+ uptime is )/],
];

/** Commands whose signature lines appear in `text`, in the order of {@link SIGNATURES}. */
export function commandsInContent(text: string): ShowCommand[] {
  const lines = outputLines(text);
  return SIGNATURES.filter(([, re]) => lines.some((l) => re.test(l.text))).map(([command]) => command);
}

/**
 * Which of the four commands `text` is the output of. An echoed command line (`router#show version`) decides
 * when there is exactly one; otherwise the content does, by lines only that command prints. Several
 * commands, or none, give `UNRECOGNISED_OUTPUT`; use `splitShowOutput` for a multi-command paste.
 */
export function detectShowCommand(text: string): ParseResult<ShowCommand> {
  if (text.trim() === '') return fail('EMPTY_INPUT', 'the text is empty');
  const echoed = splitLines(text).flatMap((l) => {
    const prompt = promptOf(l.text);
    return prompt && prompt.command !== '' ? [{ command: commandFromCommandLine(prompt.command), line: l }] : [];
  });
  if (echoed.length > 1) {
    return fail('UNRECOGNISED_OUTPUT', `the text holds ${echoed.length} commands; split it with splitShowOutput`);
  }
  const [single] = echoed;
  if (single) {
    return single.command
      ? ok(single.command)
      : fail('UNRECOGNISED_OUTPUT', `"${single.line.text.trim()}" is not a supported show command`, single.line.number);
  }
  const found = commandsInContent(text);
  if (found.length === 1 && found[0]) return ok(found[0]);
  return found.length === 0
    ? fail('UNRECOGNISED_OUTPUT', `not the output of ${SHOW_COMMANDS.join(', ')}`)
    : fail('UNRECOGNISED_OUTPUT', `the text looks like the output of several commands (${found.join(', ')})`);
}
