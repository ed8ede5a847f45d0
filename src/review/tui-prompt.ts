import { ReviewError } from './errors.js';

// Line prompts for the terminal review loop: numbered picks, number lists and y/N confirmations.
// Bad input is reported and asked again (or raised as a ReviewError before anything is written),
// and the end of input mid-question raises InputEnded so a half-answered action never runs.

/** The loop's line I/O; `ask` resolves null at the end of input. */
export interface Io {
  ask(prompt: string): Promise<string | null>;
  say(line: string): void;
}

/** The input ended while an action was still asking: the loop stops without acting. */
export class InputEnded extends Error {
  constructor() {
    super('input ended');
    this.name = 'InputEnded';
  }
}

/** The next answer; InputEnded when there is none. */
export async function need(io: Io, prompt: string): Promise<string> {
  const answer = await io.ask(prompt);
  if (answer === null) throw new InputEnded();
  return answer;
}

/** True only for an explicit yes: anything else (empty included) declines. */
export async function confirm(io: Io, question: string): Promise<boolean> {
  return /^(y|yes)$/i.test(await need(io, `${question} [y/N] > `));
}

/**
 * "1,3", "2 4" or "1-3" → 0-based indexes into a list of `count`, in the order given, no repeats.
 * Empty → []. Anything else, or a number outside 1..count, is a ReviewError naming the bad part.
 */
export function parseNumbers(text: string, count: number): number[] {
  const picked = new Set<number>();
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const m = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(part);
    const [from, to] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [0, 0];
    if (!m || from < 1 || to > count || from > to)
      throw new ReviewError('invalid', `"${part}" is not a number from 1 to ${count} (write e.g. 1,3 or 1-2)`);
    for (let n = from; n <= to; n++) picked.add(n - 1);
  }
  return [...picked];
}

/** Print `rows` numbered from 1, one `line` each, indented under the question. */
export function numbered<T>(io: Io, rows: readonly T[], line: (row: T) => string): void {
  for (const [i, row] of rows.entries()) io.say(`  ${i + 1}) ${line(row)}`);
}

/**
 * Search by typed text, list the hits numbered and let the operator pick one: a number picks,
 * other text searches again, empty cancels (null). Operators never type ids.
 */
export async function searchAndPick<T>(
  io: Io,
  o: { what: string; first?: string; search: (text: string) => Promise<T[]>; line: (row: T) => string },
): Promise<T | null> {
  let text = o.first ?? (await need(io, `${o.what}: type part of a company name (empty to cancel) > `));
  for (;;) {
    if (!text) return null;
    const hits = await o.search(text);
    if (!hits.length) {
      io.say(`No ${o.what} matches "${text}".`);
      text = await need(io, `${o.what}: type part of a company name (empty to cancel) > `);
      continue;
    }
    numbered(io, hits, o.line);
    for (;;) {
      const answer = await need(io, `pick 1-${hits.length}, other text to search again, empty to cancel > `);
      if (!/^\d+$/.test(answer)) {
        text = answer;
        break;
      }
      const n = Number(answer);
      if (n >= 1 && n <= hits.length) return hits[n - 1]!;
      io.say(`! ${answer} is not in the list (1-${hits.length}).`);
    }
  }
}

/** Pick one of a fixed list (no search); null when empty is answered. Out-of-range asks again. */
export async function pickFrom<T>(io: Io, rows: readonly T[], what: string, line: (row: T) => string): Promise<T | null> {
  numbered(io, rows, line);
  for (;;) {
    const answer = await need(io, `${what}: pick 1-${rows.length}, empty to cancel > `);
    if (!answer) return null;
    const n = /^\d+$/.test(answer) ? Number(answer) : 0;
    if (n >= 1 && n <= rows.length) return rows[n - 1]!;
    io.say(`! "${answer}" is not in the list (1-${rows.length}).`);
  }
}
