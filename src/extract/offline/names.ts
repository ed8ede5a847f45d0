/** Proper-name runs in English prose: companies as clause subjects/objects, investor lists. */
import { isPlaceName } from './places.js';
import { COMPANY_HEAD, MONTH_ABBREVIATIONS } from './lexicon.js';

const CONNECTORS = new Set(['&', 'of', 'de', 'du', 'da', 'do', 'dos', 'van', 'von', 'der', 'la', 'le', 'y', 'e']);
// Capitalised words that start sentences or clauses but never names.
const NOT_NAMES = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'its',
  'it',
  'our',
  'their',
  'his',
  'her',
  'we',
  'they',
  'he',
  'she',
  'shares',
  'investors',
  'analysts',
  'data',
  'funds',
  'exit',
  'debt',
  'layoffs',
  'separately',
  'meanwhile',
  'elsewhere',
  'also',
  'in',
  'on',
  'at',
  'for',
  'with',
  'after',
  'before',
  'since',
  'following',
  'having',
  'despite',
  'upon',
  'while',
  'alongside',
  'today',
  'yesterday',
  'earlier',
  'last',
  'then',
  'now',
  'however',
  'but',
  'and',
  'or',
  'so',
  'as',
  'both',
  'each',
  'every',
  'other',
  'new',
  'startup',
  'start-up',
  'startups',
  'start-ups',
  'companies',
  'firms',
  'businesses',
  'founders',
  'unicorns',
  'fintech',
  'edtech',
  'healthtech',
  'insurtech',
  'proptech',
  'agritech',
  'deeptech',
  'neobank',
  'company',
  'firm',
  'ceo',
  'cfo',
  'founder',
  'co-founder',
  'chief',
  'executive',
  'government',
  'funding',
  'round',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'update',
  'breaking',
  'exclusive',
  'report',
  'sources',
  'people',
  'deal',
  'deals',
  'fund',
  'series',
  'seed',
  'here',
  'there',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  ...MONTH_ABBREVIATIONS,
  // "Rival Quorra, which …": a relation, not part of the name.
  'rival',
  'rivals',
  'competitor',
  'competitors',
]);
const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Sir', 'Dame', 'Lord', 'Lady', 'President', 'Senator', 'Minister']);
// Words that may precede an investor's name in a list: "existing investor X", "angel investor Y".
const DESCRIPTORS = new Set([
  'the',
  'existing',
  'new',
  'returning',
  'previous',
  'prior',
  'current',
  'fellow',
  'also',
  'angel',
  'investor',
  'investors',
  'backer',
  'backers',
  'lender',
  'lenders',
  'firm',
  'firms',
  'venture',
  'capital',
  'vc',
  'vcs',
  'strategic',
  'including',
  'both',
  'plus',
  'partner',
  'partners',
  'lead',
  'sovereign',
  'wealth',
  'fund',
  'funds',
  'bank',
  'banks',
  'billionaire',
  'entrepreneur',
  'family',
  'office',
  'offices',
  'chipmaker',
  'giant',
  'group',
  'corporate',
  'arm',
]);

const stripPunct = (t: string): string => t.replace(/^[("“‘']+|[)"”’'.,;:!?]+$/gu, '');

function isNameToken(raw: string): boolean {
  const t = stripPunct(raw);
  if (
    !t ||
    /-(?:based|backed|owned|led|funded|founded|headquartered|driven|powered|enabled|focused|native|first|listed|born)$/i.test(t) ||
    /['’]s?$/u.test(t)
  )
    return false;
  return /^[\p{Lu}\d][\p{L}\p{N}'’.&\-+]*$/u.test(t) || /^[a-z]+[\p{Lu}][\p{L}\p{N}]*$/u.test(t) || LOWER_LEGAL_FORM.test(raw);
}

// Legal forms written in lower case end a name: "Ostrava Metrics s.r.o.", "Lisboa Verde, Lda.".
const LOWER_LEGAL_FORM = /^(?:s\.r\.o|a\.s|s\.a|s\.p\.a|s\.r\.l|s\.l|sp\.|o\.o|lda|ltda|e\.V|e\.K|k\.k|b\.v|n\.v|oü)\.?,?$/u;

/**
 * Drops leading place names and sentence-start words: "London Tessellate Labs" → "Tessellate Labs".
 * A place followed by a single word is kept: that is how many names look ("Kyoto Robotics", "Boston Dynamics").
 */
function trimName(tokens: string[], dropPlaces = true): string[] {
  // Inner tokens keep an abbreviation's dot ("Pvt. Ltd"): the name must stay a substring of the text.
  let out = tokens.map((t, i) => (i < tokens.length - 1 && /^(?:[\p{Lu}][\p{L}]*\.)+$/u.test(t) ? t : stripPunct(t))).filter(Boolean);
  while (
    out.length > 1 &&
    (NOT_NAMES.has(out[0]!.toLowerCase()) || CONNECTORS.has(out[0]!) || (out.length > 2 && TITLES.has(out[0]!.replace(/\.$/, ''))))
  )
    out = out.slice(1);
  for (let k = dropPlaces ? Math.min(4, out.length - 2) : 0; k >= 1; k--) {
    if (isPlaceName(out.slice(0, k).join(' '))) {
      out = out.slice(k);
      break;
    }
  }
  while (out.length > 0 && CONNECTORS.has(out[out.length - 1]!)) out = out.slice(0, -1);
  return out;
}

export function validName(name: string): boolean {
  const tokens = name.split(/\s+/);
  if (!name || tokens.length > 6) return false;
  // "30 Boeing jets", "I", "Mr": numbers, single letters and titles are not company names.
  if (/^\d+$/.test(tokens[0]!) || !/\p{L}{2}/u.test(name) || TITLES.has(tokens[0]!.replace(/\.$/, ''))) return false;
  if (tokens.length === 1 && NOT_NAMES.has(name.toLowerCase())) return false;
  return !isPlaceName(name) && /\p{Lu}|\d/u.test(name);
}

/** The capitalised run that ends `chunk`: "Jaipur-based Dhaaga" → "Dhaaga". */
export function trailingName(chunk: string): string | null {
  const tokens = chunk.trim().split(/\s+/).filter(Boolean);
  let i = tokens.length;
  while (i > 0) {
    const t = tokens[i - 1]!;
    // "In May, Quillon": a comma before the run ends it.
    if (i < tokens.length && /[,;:]$/.test(t)) break;
    if (isNameToken(t) || (CONNECTORS.has(t) && i < tokens.length && i > 1 && isNameToken(tokens[i - 2]!))) i--;
    else break;
  }
  // A connector-less run must not begin inside "Shares of …": trimName drops sentence words.
  let name = trimName(tokens.slice(i)).join(' ');
  // "Quay Robotics Inc. of Osaka": a place after "of" is the company's home, not its name.
  const ofPlace = /^(.*\S)\s+of\s+(\S+(?:\s+\S+)?)$/.exec(name);
  if (ofPlace && isPlaceName(ofPlace[2]!)) name = trimName(ofPlace[1]!.split(' ')).join(' ');
  return validName(name) ? name : null;
}

/**
 * The capitalised run that starts `text` after optional descriptors: "existing investor
 * Brightline Partners, which …" → "Brightline Partners". Null when the text starts otherwise.
 */
export function leadingName(text: string, skipDescriptors = true, dropPlaces = true): string | null {
  // "Mobility startup Rapido", "Deeptech AI startup Myelin": a sentence-initial description
  // (a capitalised first word, lowercase words, a company kind noun) before the name.
  const described = DESCRIBED_NAME.exec(text.trim()) ?? FOUNDER_PREFIX.exec(text.trim());
  const tokens = (described ? text.trim().slice(described[0].length) : text.trim()).split(/\s+/).filter(Boolean);
  let i = 0;
  if (skipDescriptors) {
    while (i < tokens.length && isDescriptor(stripPunct(tokens[i]!))) i++;
  }
  const run: string[] = [];
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (isNameToken(t)) run.push(t);
    // "Quay Robotics Inc. of Osaka": "of" before a place ends the name.
    else if (
      CONNECTORS.has(t) &&
      run.length > 0 &&
      next !== undefined &&
      isNameToken(next) &&
      !(t === 'of' && isPlaceName(stripPunct(next)))
    )
      run.push(t);
    else break;
    // "Maren J. Holt", "J.P. Rowan": initials and abbreviations keep a name going.
    if (
      /[,.;:)]$/.test(t) &&
      !/^(?:(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Pvt|Pte|Pty|Bhd|Sdn|Bros|Intl|Mr|Mrs|Ms|Dr|Prof)\.|(?:\p{Lu}\.)+)$/u.test(t)
    )
      break;
  }
  const name = trimName(run, dropPlaces).join(' ');
  // "Launched in June, …", "Founded by …": a sentence-initial participle, not a name.
  if (run.length === 1 && /^\p{Lu}\p{Ll}{3,}ed$/u.test(name) && /^\p{Ll}/u.test(tokens[i] ?? '')) return null;
  return validName(name) ? name : null;
}

const DESCRIBED_NAME = new RegExp(
  String.raw`^[\p{Lu}][\p{Ll}-]+(?:\s+[A-Z]{2,4})?\s+(?:[\p{Ll}][\p{L}-]*\s+){0,3}?(?:${COMPANY_HEAD})\s+(?=[\p{Lu}\d]|[a-z]+[\p{Lu}])`,
  'u',
);

// "Ronnie Sharma-founded Upskill Education": the founder's name is a description.
const FOUNDER_PREFIX = /^(?:\S+\s+){0,3}\S+-(?:founded|backed|led|owned|run)\s+(?=\p{Lu})/u;

// Capitalised only at the start of a sentence or list item ("Existing investors A and B").
const CAPITALISED_DESCRIPTORS = new Set(['The', 'Existing', 'Angel', 'New', 'Lead', 'Investor', 'Investors', 'Backer', 'Backers', 'Also']);

function isDescriptor(t: string): boolean {
  if (/-based$/i.test(t)) return true;
  return CAPITALISED_DESCRIPTORS.has(t) || (DESCRIPTORS.has(t) && t === t.toLowerCase());
}

// Where a list of names stops: a relative clause, an appositive, a new verb phrase.
const LIST_END = new RegExp(
  String.raw`,\s+(?:a|an|the|which|who|whose|with|alongside|along|at|as(?! well as)|according|bringing|while|to|in|for|said|says|and (?:is|will|said|plans|has))\b` +
    String.raw`|[;:()]|(?<!\b(?:Pte|Pvt|Inc|Co|Corp|Ltd|Sdn|Bhd|Pty|Intl|Bros|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|\p{Lu}))\.(?=\s+\p{Lu}|$)|\s[-–—]\s` +
    String.raw`|\s(?:with|at|to|in|for|from|(?<!\bwell\s)as(?! well as)|on|after|which|who|that|said|says|reported|reports|wrote|noted|according|also|is|was|will|would|has|have|had|were|are|bringing|valuing|giving|taking|joining|joined|participating|participated|took|followed|put|co-invested|invested)\b`,
  'u',
);

// At least two semicolons, or one before a final "and", up to the sentence's end.
const SEMICOLON_LIST = /^[^.;]+;\s+(?:[^.;]+;\s+)*and\s+[^;]+?(?=\.(?:\s|$)|$)|^[^.;]+;\s+[^.;]+;\s+[^;]+?(?=\.(?:\s|$)|$)/u;

/** Names in a list such as "A, B and existing investor C, who …". */
export function nameList(text: string): string[] {
  // "A; B, the venture arm of C; and D": semicolons separate items whose own commas describe them.
  const semi = SEMICOLON_LIST.exec(text);
  if (semi) {
    const items = semi[0].split(/;\s*(?:and\s+)?/);
    return [...new Set(items.flatMap((item, k) => nameList(k === items.length - 1 ? item : item.split(',')[0]!).slice(0, 1)))];
  }
  // Parentheticals ("Harry Briggs (who is also a VC)") and descriptions before a name ("London
  // VC X", "venture firms X", "Toyota Motor arm X") are not part of the list.
  text = text
    .replace(/^(?:the\s+)?likes\s+of\s+/i, '')
    .replace(/\s*\([^()]*\)/g, '')
    // "A, a Seoul-based fund, and B": an appositive inside the list describes A.
    .replace(/,\s+(?:a|an|the|which|who|whose|its)\s+[^,;()]{1,80},(?=\s+(?:and\s+|as well as\s+)?(?:[\p{Ll}-]+\s+){0,2}\p{Lu})/gu, ',')
    .replace(
      /(?:^|(?<=,\s*|\band\s+|\bas well as\s+))(?:[\p{Lu}][\p{L}.]*\s+){0,2}?(?:(?!(?:and|with|from|by|as|while|plus|including|to|in|of|for)\s)[\p{Ll}-]+\s+){0,2}?(?:VCs?|VC firms?|VC funds?|venture firms?|investment firms?|early stage firms?|investors?|backers?|angels?|shareholders?|lenders?|limited partners|institutions|family offices)(?:\s+(?:such as|like|including))?\s+(?=\p{Lu})/gu,
      '',
    )
    .replace(/(?:[\p{Lu}][\p{L}.]*\s+){1,3}(?:arm|unit|subsidiary|affiliate)\s+(?=\p{Lu})/gu, '')
    // "South Korea's Mirae Asset": a place's possessive before a firm describes it.
    .replace(/(?<=^|,\s*|\band\s+|\bfrom\s+)((?:\p{Lu}[\p{L}.]*\s+){0,2}\p{Lu}[\p{L}.]*)['’]s\s+(?=\p{Lu})/gu, (m, place: string) =>
      // "Liquidity Group's Mars Unicorn Fund": a firm's fund or arm is the investor.
      isPlaceName(place) || /^\p{Lu}/u.test(m) ? '' : m,
    )
    // "Hong Kong-based Pellam Capital": a multi-word home before a name.
    .replace(/(?:^|(?<=,\s*|\band\s+|\bas well as\s+))(?:\p{Lu}[\p{L}.]*\s+){1,2}[\p{L}.]+-(?:based|headquartered)\s+(?=\p{Lu})/gu, '')
    // "former Quinta Bank chief executive Maren Holt", "actor Tobias Lindqvist": a person's role before the name.
    .replace(
      /(?:^|(?<=,\s*|\band\s+|\bas well as\s+))(?:(?:former|ex-|veteran|serial|famed|renowned|celebrity|noted)\s*)?(?:\p{Lu}[\p{L}&.-]*\s+){0,3}(?:chief executive(?: officer)?|co-founder|cofounder|founder|chairman|chairwoman|actor|actress|singer|cricketer|footballer|athlete|entrepreneur|executive)\s+(?=\p{Lu})/gu,
      '',
    )
    // "Tallis Capital's growth fund": a firm's own vehicle, written with lower-case words, is the firm.
    .replace(
      /((?:\p{Lu}[\p{L}.&-]*\s+){0,3}\p{Lu}[\p{L}.&-]*)['’]s\s+(?:[\p{Ll}-]+\s+){0,3}(?:fund|arm|unit|vehicle|division|affiliate|subsidiary|family office)\b/gu,
      '$1',
    )
    // "Online apparel company Jolly Apparel": a described company, the description dropped.
    .replace(
      /(?:^|(?<=,\s*|\band\s+|\bas well as\s+))(?:\p{Lu}[\p{Ll}-]*\s+)?(?:[\p{Ll}-]+\s+){0,4}(?:company|firm|group|maker|platform|giant|conglomerate|bank|lender|operator|startup|fund|house|insurer|manufacturer|carmaker|automaker|retailer|manager|corporation|chaebol)\s+(?=\p{Lu})/gu,
      '',
    );
  const cut = LIST_END.exec(text);
  let list = cut ? text.slice(0, cut.index) : text;
  // "A and B, Startup Wire reported": the name before a reporting verb is the outlet.
  if (cut && /^\s(?:said|says|reported|reports|wrote|noted)\b/.test(cut[0])) list = list.replace(/,\s*[^,]*$/, '');
  const names: string[] = [];
  // "A, B, and C": the serial comma's "and" is no part of C's name.
  for (const item of list.split(/,\s*(?:and\s+)?|\s+and\s+|\s+as well as\s+/)) {
    // "A and featuring B": a participle starts a new phrase, not a list item.
    const first = item.trim().split(/\s+/)[0] ?? '';
    if (/^\p{Ll}+(?:ing|ed)$/u.test(first) && !DESCRIPTORS.has(first)) break;
    // Investor lists name firms, whose names often start with a place ("Korea Investment Partners").
    const name = leadingName(item, true, false);
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

// Roles that mark a person's name: "Founder Maya Lind", "Tomas Berg, the company's CEO".
const PERSON_ROLE = String.raw`(?:co-?founders?|founders?|CEO|CTO|COO|CFO|chief\s+(?:executive|technology|operating|financial)(?:\s+officer)?|president|chair(?:man|woman|person)?|managing\s+director|general\s+partner|Mr\.?|Ms\.?|Mrs\.?|Dr\.?)`;

/** True when the text writes `name` as a person: after a role, before ", its founder", or "said she". */
export function isPersonIn(name: string, text: string): boolean {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = new RegExp(String.raw`\b${PERSON_ROLE}(?:\s+and\s+${PERSON_ROLE})?,?\s+${esc}(?![\p{L}\d])`, 'iu');
  const after = new RegExp(
    String.raw`(?<![\p{L}\d])${esc},\s+(?:(?:the|its|our|their)\s+|(?:\p{Lu}[\p{L}\d]*['’]s\s+))?${PERSON_ROLE}\b|(?<![\p{L}\d])${esc}\s+(?:said|says|told\s+\S+)\s+(?:that\s+)?(?:she|he)\b`,
    'iu',
  );
  return before.test(text) || after.test(text);
}
