import { createInterface } from 'node:readline';
import type { Db } from '../db/connect.js';
import { approveItem, editDeal, rejectItem, type DealPatch } from './actions.js';
import { ReviewError } from './errors.js';
import { isReviewKind, REVIEW_KINDS } from '../deal/review.js';
import { listOpenItems } from './queries.js';
import {
  describePair,
  type FlowDeps,
  hasPair,
  type ItemView,
  keepApartFlow,
  loadItem,
  mergeCompanyFlow,
  mergeDealFlow,
  mergePairFlow,
  ownCompany,
  ownDeal,
  splitCompanyFlow,
  splitDealFlow,
} from './tui-entities.js';
import { InputEnded, type Io, need } from './tui-prompt.js';
import { money } from './text.js';

// Terminal review loop: same actions as the web UI, one open item at a time, oldest first.

const EXCERPT = 600;
const EDIT_HELP = 'fields: round, status, company, country, announced_on (YYYY-MM-DD), amount / valuation ("5000000 USD" or "none")';

function describe(view: ItemView, position: string): string {
  const d = view.detail;
  const lines = [``, `━━ Item #${d.item.id} (${position}) · ${d.item.kind} ━━`, `Reason: ${d.item.reason}`];
  if (d.deal && d.company) {
    lines.push(
      `Deal #${d.deal.id}: ${d.company.name} · ${d.deal.round} · ${d.deal.status} · ${money(d.deal.amount_value, d.deal.amount_currency)} · ` +
        `valuation ${money(d.deal.valuation_value, d.deal.valuation_currency)} · ${d.deal.country ?? d.company.country ?? '??'} · ${d.deal.announced_on ?? 'no date'}`,
      `Investors: ${d.investors.map((i) => `${i.name}${i.lead ? ' (lead)' : ''}`).join(', ') || 'none'}`,
      `Sources: ${d.sources.length}`,
    );
  } else lines.push('No deal attached.');
  lines.push(...describePair(view));
  for (const q of d.quotes) lines.push(`  » [${q.field}] ${q.quote}`);
  if (d.article) {
    const text = (d.article.text ?? '').replace(/\s+/g, ' ').trim();
    lines.push(`Article: ${d.article.title ?? d.article.url}`, `  ${text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text}`);
  }
  return lines.join('\n');
}

function moneyPatch(v: string): { value: number; currency: string } | null {
  if (/^(none|null|-)$/i.test(v)) return null;
  const m = /^([\d.,_]+)\s*([A-Za-z]{3})$/.exec(v.trim());
  if (!m) throw new ReviewError('invalid', `Amount must look like "5000000 USD" or "none", got "${v}"`);
  return { value: Number(m[1]!.replace(/[,_]/g, '')), currency: m[2]!.toUpperCase() };
}

/** "field value" typed at the edit prompt → an editDeal patch (validated there). */
export function parseFieldEdit(line: string): Record<string, unknown> {
  const m = /^\s*(\w+)\s*[=:]?\s*(.*?)\s*$/.exec(line);
  const field = m?.[1]?.toLowerCase() ?? '';
  const value = m?.[2] ?? '';
  if (!value) throw new ReviewError('invalid', `Give a field and a value; ${EDIT_HELP}`);
  const orNull = (v: string) => (/^(none|null|-)$/i.test(v) ? null : v);
  switch (field) {
    case 'round':
    case 'status':
      return { [field]: value };
    case 'company':
    case 'company_name':
      return { company_name: value };
    case 'country':
      return { country: orNull(value)?.toUpperCase() ?? null };
    case 'announced_on':
    case 'date':
      return { announced_on: orNull(value) };
    case 'amount':
    case 'valuation':
      return { [field]: moneyPatch(value) } satisfies Partial<DealPatch>;
    default:
      throw new ReviewError('invalid', `Unknown field "${field}"; ${EDIT_HELP}`);
  }
}

/** What a key did: acted (a line to print), was cancelled, or moves on / stops the loop. */
type Outcome = { acted: string } | { cancelled: true } | { skip: true } | { quit: true } | { help: true };

interface Key {
  key: string;
  /** Shown in the prompt. */
  label: string;
  /** Shown by `?`. */
  help: string;
  /** When the key applies to the item on screen; `needs` says why it does not. */
  when?: (v: ItemView) => boolean;
  needs?: string;
  run: (d: FlowDeps, v: ItemView) => Promise<Outcome>;
}

const acted = (line: string | null): Outcome => (line === null ? { cancelled: true } : { acted: line });
const liveDeal = (v: ItemView) => ownDeal(v) !== null;
const isPossibleDuplicate = (v: ItemView) => v.detail.item.kind === 'possible_duplicate' && hasPair(v);

/** Every key of the loop, in prompt order: the prompt, `?` and the dispatch all read this list. */
const KEYS: Key[] = [
  {
    key: 'a',
    label: 'approve',
    help: 'the deal is right: resolve the item',
    run: async (d, v) => {
      await approveItem(d.db, v.detail.item.id, d.actor);
      return { acted: `Approved #${v.detail.item.id}.` };
    },
  },
  {
    key: 'r',
    label: 'reject',
    help: 'the deal is wrong: it leaves the clean set and its items close',
    run: async (d, v) => {
      await rejectItem(d.db, v.detail.item.id, d.actor);
      return { acted: `Rejected #${v.detail.item.id}${v.detail.deal ? ` and deal #${v.detail.deal.id}` : ''}.` };
    },
  },
  {
    key: 'e',
    label: 'edit',
    help: `correct one field of the deal (${EDIT_HELP})`,
    when: liveDeal,
    needs: 'a live deal',
    run: async (d, v) => {
      const changes = await editDeal(d.db, ownDeal(v)!.id, parseFieldEdit(await need(d.io, `edit (${EDIT_HELP}) > `)), d.actor);
      return { acted: Object.keys(changes).length ? `Saved ${Object.keys(changes).join(', ')}.` : 'No change.' };
    },
  },
  {
    key: 'md',
    label: 'merge deal',
    help: "merge this deal into another: type part of its company's name, pick it from the list, confirm",
    when: liveDeal,
    needs: 'a live deal',
    run: async (d, v) => acted(await mergeDealFlow(d, v)),
  },
  {
    key: 'sd',
    label: 'split deal',
    help: "move some of the deal's sources onto a new deal carrying the figures they stated",
    when: (v) => liveDeal(v) && v.detail.sources.length > 1,
    needs: 'a live deal with two or more sources',
    run: async (d, v) => acted(await splitDealFlow(d, v)),
  },
  {
    key: 'mc',
    label: 'merge company',
    help: "merge the deal's company into another (search by name, pick, confirm); its names and deals move and the item closes",
    when: (v) => ownCompany(v) !== null,
    needs: 'a company',
    run: async (d, v) => acted(await mergeCompanyFlow(d, v)),
  },
  {
    key: 'sc',
    label: 'split company',
    help: "move some of the company's names and deals to a new company",
    when: (v) => ownCompany(v) !== null,
    needs: 'a company',
    run: async (d, v) => acted(await splitCompanyFlow(d, v)),
  },
  {
    key: 'd',
    label: 'merge the two',
    help: 'same deal / company as the other one shown: merge this one into it (after confirming)',
    when: hasPair,
    needs: 'another live deal or company named by the item',
    run: async (d, v) => acted(await mergePairFlow(d, v)),
  },
  {
    key: 'k',
    label: 'keep apart',
    help: 'not the same as the other one shown: resolve the item, both stay',
    when: isPossibleDuplicate,
    needs: 'a possible duplicate',
    run: async (d, v) => ({ acted: await keepApartFlow(d, v) }),
  },
  { key: 's', label: 'skip', help: 'leave the item open, go to the next', run: async () => ({ skip: true }) },
  { key: 'q', label: 'quit', help: 'stop here', run: async () => ({ quit: true }) },
  { key: '?', label: 'help', help: 'explain the keys', run: async () => ({ help: true }) },
];

const keysFor = (v: ItemView) => KEYS.filter((k) => !k.when || k.when(v));

export async function runReviewCli(deps: {
  db: Db;
  actor: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  kind?: string;
}): Promise<void> {
  const { db, actor, output } = deps;
  const say = (s: string): void => void output.write(`${s}\n`);
  if (deps.kind !== undefined && !isReviewKind(deps.kind))
    throw new ReviewError('invalid', `Unknown review kind: ${deps.kind} (kinds: ${REVIEW_KINDS.join(', ')})`);
  const rl = createInterface({ input: deps.input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const io: Io = {
    say,
    ask: async (prompt) => {
      output.write(prompt);
      const next = await lines.next();
      return next.done ? null : next.value.trim();
    },
  };
  const flow: FlowDeps = { db, actor, io };
  let done = 0;
  try {
    // Snapshot the queue so skipped items are not shown again in this session.
    const items = await listOpenItems(db, { kind: deps.kind });
    if (!items.length) return say('No open review items.');
    for (const [index, summary] of items.entries()) {
      const position = `${index + 1}/${items.length}`;
      let view = await loadItem(db, summary.id);
      if (view.detail.item.status !== 'open') continue; // resolved meanwhile (another operator, a merge)
      say(describe(view, position));
      for (;;) {
        const available = keysFor(view);
        const typed = await need(io, `${available.map((k) => `[${k.key}] ${k.label}`).join(' ')} > `);
        if (!typed) continue;
        const key = available.find((k) => k.key === typed.toLowerCase());
        if (!key) {
          const known = KEYS.find((k) => k.key === typed.toLowerCase());
          const why = known ? `"${known.key}" (${known.label}) needs ${known.needs}` : `Unknown key "${typed}"`;
          say(`${why}; keys here: ${available.map((k) => k.key).join(', ')}.`);
          continue;
        }
        let outcome: Outcome;
        try {
          outcome = await key.run(flow, view);
        } catch (err) {
          if (!(err instanceof ReviewError)) throw err;
          say(`! ${err.message}`);
          if (err.code === 'conflict') break;
          continue;
        }
        if ('quit' in outcome) return say(`Stopped. ${done} item(s) resolved.`);
        if ('skip' in outcome) break;
        if ('help' in outcome) {
          for (const k of available) say(`  ${k.key.padEnd(2)}  ${k.label}: ${k.help}`);
          continue;
        }
        if ('cancelled' in outcome) {
          say('Cancelled; nothing changed.');
          continue;
        }
        say(outcome.acted);
        // Merges and splits may close the item (or move it to a new deal): show it again if still open.
        view = await loadItem(db, summary.id);
        if (view.detail.item.status !== 'open') {
          done++;
          break;
        }
        say(describe(view, position));
      }
    }
    say(`Queue done. ${done} item(s) resolved.`);
  } catch (err) {
    if (err instanceof InputEnded) return say(`Stopped. ${done} item(s) resolved.`);
    throw err;
  } finally {
    rl.close();
  }
}
