import { commandFromCommandLine, commandsInContent } from './detect-show-command.js';
import type { ShowCommand } from './parse-result.js';
import { promptOf, splitLines, type SourceLine } from './text-lines.js';

/** One command's output cut from a terminal paste. */
export interface ShowOutputPart {
  /** The command typed at the prompt, as typed (`sh red`); `null` for text before any prompt. */
  readonly commandText: string | null;
  /** Host name in the prompt; `null` without one. */
  readonly hostname: string | null;
  /**
   * Which of the four commands this is: from the echoed command, or, without an echo, from the content;
   * `null` for another command (`terminal length 0`) or unrecognisable text.
   */
  readonly command: ShowCommand | null;
  /** The output without the prompt line, lines joined with `\n`. */
  readonly text: string;
  /** 1-based line of the paste where `text` starts. */
  readonly firstLine: number;
}

interface OpenPart {
  readonly commandText: string | null;
  readonly hostname: string | null;
  readonly lines: SourceLine[];
}

function close(part: OpenPart | null, nextLine: number): ShowOutputPart[] {
  if (!part) return [];
  const text = part.lines.map((l) => l.text).join('\n');
  if (part.commandText === null && text.trim() === '') return [];
  const command = part.commandText !== null ? (commandFromCommandLine(part.commandText) ?? null) : singleCommand(text);
  return [
    {
      commandText: part.commandText,
      hostname: part.hostname,
      command,
      text,
      firstLine: part.lines[0]?.number ?? nextLine,
    },
  ];
}

function singleCommand(text: string): ShowCommand | null {
  const found = commandsInContent(text);
  return found.length === 1 ? (found[0] ?? null) : null;
}

/**
 * Splits a terminal paste at its prompts (`router#show version`, `router>sh red`): each prompt with a
 * command starts a part, a bare prompt (`router#`) ends one. Text before the first prompt, when not blank,
 * is a part of its own whose command is read from its content. Parts keep their line numbers (`firstLine`)
 * so that parse errors can point into the paste.
 */
export function splitShowOutput(text: string): ShowOutputPart[] {
  const parts: ShowOutputPart[] = [];
  let open: OpenPart | null = { commandText: null, hostname: null, lines: [] };
  for (const line of splitLines(text)) {
    const prompt = promptOf(line.text);
    if (!prompt) {
      open?.lines.push(line);
      continue;
    }
    parts.push(...close(open, line.number));
    open = prompt.command === '' ? null : { commandText: prompt.command, hostname: prompt.hostname, lines: [] };
  }
  parts.push(...close(open, splitLines(text).length + 1));
  return parts;
}
