/**
 * Who a deal clause is about: the grammatical subject before a verb, the object company after a
 * preposition or a description, the company a sentence or headline opens with.
 */
import { COMPANY_HEAD } from './lexicon.js';
import { leadingName, trailingName } from './names.js';
import { isPlaceName } from './places.js';

// After an object company's name: punctuation or a function word, not a noun ("into AI startups").
const AFTER_OBJECT =
  /^(?:\s*[,.;:)]|\s+(?:for|in|to|as|at|which|that|and|the|a|an|on|with|from|through|by|after|before|under|over|amid|following|its|their|said|was|is|has|had|will|would|last|this|earlier|recently|yesterday|today)\b|\s*$)/;

// A description before an object's name: "acquire data management company Cloudbase",
// "in Israeli security startup Wiz", "the assets of US chipmaker TSI", "in online publisher X":
// articles, lowercase words, demonyms and places, up to the first capitalised word.
const LEAD_IN =
  /^(?:(?:the|a|an)\s+)?(?:(?:assets|business|unit|units|division|operations|stake|shares|parts?|control|rest|remainder|owner|operator|maker|parent)\s+of\s+(?:the\s+)?)?/;

/** The company name opening `text` (after any description), if it stands as a name (not an adjective before a noun). */
export function objectName(text: string): string | null {
  let rest = text
    .replace(LEAD_IN, '')
    // "WM Motor's rival Nio": the possessive names another company.
    .replace(/^(?:[\p{Lu}][\p{L}\d&.-]*\s+){0,3}[\p{Lu}][\p{L}\d&.-]*(?:['’]s|s['’])\s+(?=\p{Ll})/u, '');
  // Skip up to six description words: lowercase, "-based"/"-backed" words, demonyms/places, acronyms before a lowercase word.
  for (let k = 0; k < 6; k++) {
    const w = /^(\S+)\s+/.exec(rest);
    if (!w) break;
    const word = w[1]!;
    const next = rest.slice(w[0].length);
    const lower = /^[\p{Ll}][\p{Ll}\p{N}'’&-]*$/u.test(word) && !/^[a-z]+[\p{Lu}]/u.test(word);
    const described = /-(?:based|backed|headquartered|focused|owned|founded)$/i.test(word);
    const adjective = (isPlaceName(word.replace(/['’]s$/, '')) || /^[A-Z]{2,4}$/.test(word)) && /^[\p{Ll}]/u.test(next);
    if (!lower && !described && !adjective) break;
    if (
      lower &&
      /^(?:for|in|into|to|at|by|with|from|which|that|who|after|on|as|across|over|under|its|their|his|her|our|this|these|those|is|was|are|were|has|have|had|will|would)$/.test(
        word,
      )
    )
      return null;
    rest = next;
  }
  const name = leadingName(rest, false);
  return name && AFTER_OBJECT.test(rest.slice(rest.indexOf(name) + name.length)) ? name : null;
}

export const AUX_TAIL =
  /(?:[\s,]|\b(?:has|have|had|is|are|was|were|been|be|being|now|also|just|recently|reportedly|finally|officially|will|would|could|may|might|shall|successfully|today|previously|earlier|already|initially|first|once|quietly|last|it|which|who|to|in (?:advanced |early |preliminary |final )?(?:talks|discussions|negotiations)|seeking|looking|plans|planning|aims|aiming|set|expected|discussing|considering|exploring|weighing|hoping|trying|working|preparing|wants|intends|expects|hopes|said|says|announced|announces|confirmed|revealed|(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|this week|last week|that|agreed|agrees|reported|has since))+$/i;
// "the company", "The San Francisco, California-based company", "the internet bank", "It": the
// name is in an earlier sentence.
const PRONOUN = new RegExp(String.raw`(?:\b(?:the|this|that)\s+(?:[\p{L}\d,.'’-]+\s+){0,4}?(?:${COMPANY_HEAD})|\b(?:it|they))$`, 'iu');
// "Acme said last month that it had secured …": the subject of the reporting verb.
const SAID_THAT =
  /\b(?:said|says|announced|announces|confirmed|confirms|revealed|disclosed|told\s+\S+)\b(?:\s+[^\s,;]+){0,4}?\s+(?:that\s+)?(?:it|the company|the startup|the firm)\s+(?:(?:has|had|have|would|will|is|was|also|now|recently|just)\s+)*$/;
// "… attained unicorn status by raising": a participle's clause starts at its "by".
const CLAUSE_START = /(?:,\s+(?:while|and|but|as|whereas|after|when)\s+|;\s+|:\s+|\b(?:after|while|when|because|whereas)\s+|\bby\s+$)/g;

const VERB_PHRASE = /^\s*(?:is|are|was|were|has|have|had|said|says|will|would|could|plans|also|now|recently|today)\b[\s\p{Ll}'’-]*$/u;

export interface Subject {
  name: string | null;
  at: number;
  /** "she raised …": a person, whose company is named elsewhere ("for Acme", the article's company). */
  person?: boolean;
}

const TALKS_WITH =
  /\s+(?:is|are|was|were|has been|have been)\s+(?:now\s+|reportedly\s+|(?:believed|said|understood|thought|reported)\s+to\s+be\s+)?in\s+(?:\w+\s+)?(?:talks|discussions|negotiations)\s+with\b[^,;]*$/;

/** The grammatical subject before a verb at `verbAt`: a name, a pronoun (name null), or none. */
export function subjectBefore(sentence: string, verbAt: number): Subject | undefined {
  // Parentheticals ("Acme (YC W21) raised") are blanked, not cut, so offsets stay valid.
  const raw = sentence.slice(0, verbAt).replace(/\([^()]*\)/g, (m) => ' '.repeat(m.length));
  // "Acme is in talks with investors including Temasek to raise": the counterparty is not the subject.
  const talks = TALKS_WITH.exec(raw);
  if (talks) return subjectBefore(sentence, talks.index);
  const said = SAID_THAT.exec(raw);
  if (said) return subjectBefore(sentence, said.index);
  const head = raw.replace(AUX_TAIL, '');
  if (/(?:^|[\s,])(?:she|he)\s*$/i.test(head)) return { name: null, at: verbAt, person: true };
  // "Acme raised $5M and is now seeking another $50M": the second verb shares the clause's subject.
  const conjoined = /\s+and\s*$/.exec(head);
  if (conjoined && /\p{Ll}/u.test(head.slice(0, conjoined.index))) {
    const start = lastClauseStart(head.slice(0, conjoined.index));
    const main = sentenceSubject(head.slice(start, conjoined.index));
    if (main) return { name: main.name, at: main.name === null ? verbAt : start + main.at };
  }
  // "It has raised …" opening the sentence: a pronoun (AUX_TAIL ate it with the auxiliaries).
  if (!head.trim() && /^\s*(?:it|they)\b/i.test(raw)) return { name: null, at: verbAt };
  if (/,\s*$/.test(raw.slice(0, head.length + 2)) || /,$/.test(head)) {
    // "Acme, a … startup that …, has raised": the subject is the chunk before the appositive.
    const start = lastClauseStart(head.slice(0, head.indexOf(',')));
    const chunks = head.slice(start).split(',');
    // "The Sequoia-backed startup, which …, raised": a back-reference with an appositive.
    if (PRONOUN.test(chunks[0]!.trim()) && /^\s*(?:the|this|that)\s/i.test(chunks[0]!)) return { name: null, at: verbAt };
    for (const [k, chunk] of chunks.slice(0, 2).entries()) {
      // "Mexican challenger bank, albo, has raised": a lower-case brand set off after its kind.
      const brand = k === 1 && HEAD_END.test(chunks[0]!) && /^\s*\p{Ll}[\p{L}\d]+\s*$/u.test(chunk) ? chunk.trim() : null;
      const name = trailingName(chunk) ?? brand;
      if (name) return { name, at: raw.indexOf(name, start) };
    }
    return undefined;
  }
  const start = Math.min(head.length, lastClauseStart(`${head} `));
  const tail = head.slice(start).trim();
  if (PRONOUN.test(tail)) return { name: null, at: verbAt };
  // "… last year when it had raised $60M": AUX_TAIL ate the clause's pronoun with its auxiliaries.
  if (!tail && start > 0 && /^\s*(?:it|they)\b/i.test(raw.slice(lastClauseStart(raw)))) return { name: null, at: verbAt };
  // "Globex Ltd, the UK-based provider received …": an appositive the writer never closed.
  const open = /^((?:\p{Ll}[\p{L}-]*\s+){0,3}[\p{Lu}][^,]{0,60}),\s+(?:the|a|an)\s+[^,;]{3,90}$/u.exec(tail);
  const openName = open ? trailingName(open[1]!) : null;
  if (
    openName &&
    open![1]!.endsWith(openName) &&
    !/\s(?:and|or)\s+\p{Lu}|\s(?:but|while|which|who|that)\s/u.test(tail.slice(open![1]!.length))
  ) {
    return { name: openName, at: start + head.slice(start).indexOf(openName) };
  }
  if (!tail && start > 0) {
    // "Acme will list on Nasdaq after raising $500M": the participle shares the main subject.
    const main = leadingName(head, false);
    return main && /^\s+\p{Ll}/u.test(head.slice(head.indexOf(main) + main.length)) ? { name: main, at: head.indexOf(main) } : undefined;
  }
  const name = trailingName(tail) ?? lowercaseBrand(tail);
  if (name) return { name, at: head.lastIndexOf(name) };
  // "Acme is in early discussions with investors to raise": a name opening the clause, then
  // only a lowercase verb phrase up to the verb.
  const opening = leadingName(tail, false);
  const rest = opening ? tail.slice(tail.indexOf(opening) + opening.length).replace(/^,[^,]*,/, '') : '';
  if (opening && VERB_PHRASE.test(rest) && rest.split(/\s+/).length <= 12) {
    return { name: opening, at: start + head.slice(start).indexOf(opening) };
  }
  return undefined;
}

const HEAD_END = new RegExp(String.raw`\b(?:${COMPANY_HEAD})\s*$`, 'i');
const NOT_BRANDS =
  /^(?:the|a|an|it|has|have|had|is|was|and|or|which|who|that|also|now|today|its|this|last|first|previously|recently|just|already|once|then|earlier|later|still|again|finally|quietly|reportedly)$/;

/** "challenger albo": a lower-case word right after a company kind noun is its brand. */
function lowercaseBrand(tail: string): string | null {
  if (tail.split(/\s+/).length > 5 || !/^\p{Lu}/u.test(tail)) return null;
  const m = new RegExp(String.raw`\b(?:${COMPANY_HEAD})\s+(\p{Ll}[\p{L}\d]{2,})$`, 'iu').exec(tail);
  return m && !NOT_BRANDS.test(m[1]!) ? m[1]! : null;
}

export function lastClauseStart(text: string): number {
  let start = 0;
  for (const m of text.matchAll(CLAUSE_START)) start = m.index + m[0].length;
  return start;
}

/** "Glint, the Jakarta-based lender, reached …": a named subject set off by an appositive. */
export function openingName(text: string): Subject | undefined {
  const name = openingSubject(text);
  return name ? { name, at: text.indexOf(name) } : undefined;
}

const LEADING_ADVERBIAL =
  /^(?:(?:Today|Now|Meanwhile|Separately|Earlier|Also|Last week|This week|On (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|In (?:a|an) \w+),?\s+)/;

/** The company a sentence opens with, after its description: "Paris-based biotech Woodoo is …" → "Woodoo". */
export function openingSubject(sentence: string): string | null {
  const rest = sentence.replace(LEADING_ADVERBIAL, '');
  const name =
    leadingName(rest, false) && /^\p{Lu}/u.test(rest) && !/^\S+\s+\p{Ll}/u.test(rest) ? leadingName(rest, false) : objectName(rest);
  if (!name) return null;
  const after = rest.slice(rest.indexOf(name) + name.length);
  return /^(?:,|\s+(?:is|was|has|had|will|makes|builds|develops|uses|helps|offers|provides|runs|operates|said|says)\b)/.test(after)
    ? name
    : null;
}

// Title-case headlines capitalise their verbs: "Moped Raises Capital from US Investors".
const TITLE_VERB = /\b(?:Raises|Raised|Secures|Lands|Bags|Nets|Gets|Closes|Snags|Scores|Receives|Pulls In|Picks Up)\b/;

/** The company a title-case headline is about, when its verb is a raise verb. */
export function titleSubject(title: string): string | null {
  const v = TITLE_VERB.exec(title);
  return v ? (subjectBefore(title, v.index)?.name ?? null) : null;
}

/** The subject opening a clause: a name, a back-reference (name null), or undefined if neither. */
export function sentenceSubject(text: string): Subject | null | undefined {
  const rest = text.replace(LEADING_ADVERBIAL, '');
  const skipped = text.length - rest.length;
  if (/^(?:the|this|its|their)\s/i.test(rest)) {
    const np = /^(?:the|this|its|their)\s+(?:[\p{L}\d,.'’-]+\s+){0,4}?/iu.exec(rest);
    return np ? { name: null, at: skipped } : undefined;
  }
  if (/^(?:it|they)\s/i.test(rest)) return { name: null, at: skipped };
  const name = leadingName(rest, false);
  return name && /^\s+\p{Ll}/u.test(rest.slice(rest.indexOf(name) + name.length)) ? { name, at: skipped + rest.indexOf(name) } : undefined;
}
