import { ROUNDS, type Round } from '../deal/schema.js';

/**
 * Free-text round names ("Series A extension", "seed+", "debt financing", "acquired") → the
 * Round enum. Rules are tried in order, so specific forms come before the words they contain
 * ("pre-seed" before "seed", "Series B" before "growth"). Decisions: extensions, "+" and
 * numbered tranches (A1, A-2) keep their letter; "pre-Series A" is seed; bridge, growth,
 * venture and unlettered "Series" rounds are series_unknown; SAFE is convertible_note;
 * SPAC mergers and direct listings are ipo; buyouts are private_equity; mergers are acquisition.
 */
const RULES: Array<[RegExp, Round]> = [
  [/\bpre[-\s]?seed\b/, 'pre_seed'],
  [/\bpre[-\s]?series[-\s]?a\b/, 'seed'],
  [/\bseries[-\s]?([a-j])(?:\d|\+|\b)/, 'series_a'], // letter substituted below
  [/\bundisclosed\b/, 'undisclosed'],
  [/\b(?:ipo|initial public offering|direct listing|spac|goes public|going public|public listing|listing)\b/, 'ipo'],
  [/\b(?:acquir\w*|acquisition|takeover|buys|bought|merger|merges)\b/, 'acquisition'],
  [/\b(?:buyout|private equity|pe (?:round|investment|deal))\b/, 'private_equity'],
  [/\b(?:secondary|secondaries|tender offer)\b/, 'secondary'],
  [/\b(?:convertible|safe)\b/, 'convertible_note'],
  [/\b(?:debt|loan|loans|credit (?:facility|line)|venture debt|bonds?|revenue[-\s]based financing|notes?)\b/, 'debt'],
  [/\b(?:grant|grants|subsid(?:y|ies)|non[-\s]dilutive)\b/, 'grant'],
  [/\bstrategic\b/, 'strategic'],
  [/\bangels?\b/, 'angel'],
  [/\bseed\+?/, 'seed'],
  [/\b(?:series|growth|venture|bridge|funding|equity|investment|round|late[-\s]stage|early[-\s]stage)\b/, 'series_unknown'],
];

const LETTERED = new Set<string>(ROUNDS.filter((r) => r.startsWith('series_') && r.length === 8));

/** The Round for `text`, or null when nothing in it names a kind of deal. */
export function normaliseRound(text: string): Round | null {
  const t = text.trim().toLowerCase();
  if ((ROUNDS as readonly string[]).includes(t)) return t as Round;
  for (const [re, round] of RULES) {
    const m = re.exec(t);
    if (!m) continue;
    if (round === 'series_a') {
      const lettered = `series_${m[1]}`;
      return LETTERED.has(lettered) ? (lettered as Round) : 'series_unknown';
    }
    return round;
  }
  return null;
}
