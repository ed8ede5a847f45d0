import { createInterface } from 'node:readline';
import type { Db } from '../db/connect.js';
import { approveItem, editDeal, rejectItem, type DealPatch } from './actions.js';
import { ReviewError } from './errors.js';
import { isReviewKind, REVIEW_KINDS } from '../deal/review.js';
import { getItemDetail, listOpenItems, type ItemDetail } from './queries.js';

// Terminal review loop: same actions as the web UI, one open item at a time, oldest first.

const EXCERPT = 600;
const EDIT_HELP = 'fields: round, status, company, country, announced_on (YYYY-MM-DD), amount / valuation ("5000000 USD" or "none")';

function money(v: number | null, c: string | null): string {
  return v === null ? '—' : `${c} ${v.toLocaleString('en-US')}`;
}

function describe(d: ItemDetail, position: string): string {
  const lines = [``, `━━ Item #${d.item.id} (${position}) · ${d.item.kind} ━━`, `Reason: ${d.item.reason}`];
  if (d.deal && d.company) {
    lines.push(
      `Deal #${d.deal.id}: ${d.company.name} · ${d.deal.round} · ${d.deal.status} · ${money(d.deal.amount_value, d.deal.amount_currency)} · ` +
        `valuation ${money(d.deal.valuation_value, d.deal.valuation_currency)} · ${d.deal.country ?? d.company.country ?? '??'} · ${d.deal.announced_on ?? 'no date'}`,
      `Investors: ${d.investors.map((i) => `${i.name}${i.lead ? ' (lead)' : ''}`).join(', ') || 'none'}`,
      `Sources: ${d.sources.length}`,
    );
  } else lines.push('No deal attached.');
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
  const ask = async (prompt: string): Promise<string | null> => {
    output.write(prompt);
    const next = await lines.next();
    return next.done ? null : next.value.trim();
  };
  try {
    // Snapshot the queue so skipped items are not shown again in this session.
    const items = await listOpenItems(db, { kind: deps.kind });
    if (!items.length) return say('No open review items.');
    let done = 0;
    for (const [index, summary] of items.entries()) {
      let detail = await getItemDetail(db, summary.id);
      if (detail.item.status !== 'open') continue; // resolved meanwhile (another operator, a merge)
      say(describe(detail, `${index + 1}/${items.length}`));
      for (;;) {
        const key = await ask('[a]pprove [r]eject [e]dit [s]kip [q]uit > ');
        if (key === null || key === 'q') return say(`Stopped. ${done} item(s) resolved.`);
        try {
          if (key === 'a') {
            await approveItem(db, summary.id, actor);
            say(`Approved #${summary.id}.`);
            done++;
            break;
          }
          if (key === 'r') {
            await rejectItem(db, summary.id, actor);
            say(`Rejected #${summary.id}${detail.deal ? ` and deal #${detail.deal.id}` : ''}.`);
            done++;
            break;
          }
          if (key === 's') break;
          if (key === 'e') {
            if (!detail.deal) throw new ReviewError('invalid', 'This item has no deal to edit');
            const line = await ask(`edit (${EDIT_HELP}) > `);
            if (line === null) return say(`Stopped. ${done} item(s) resolved.`);
            const changes = await editDeal(db, detail.deal.id, parseFieldEdit(line), actor);
            say(Object.keys(changes).length ? `Saved ${Object.keys(changes).join(', ')}.` : 'No change.');
            detail = await getItemDetail(db, summary.id);
            say(describe(detail, `${index + 1}/${items.length}`));
            continue;
          }
          say('Keys: a, r, e, s or q.');
        } catch (err) {
          if (!(err instanceof ReviewError)) throw err;
          say(`! ${err.message}`);
          if (err.code === 'conflict') break;
        }
      }
    }
    say(`Queue done. ${done} item(s) resolved.`);
  } finally {
    rl.close();
  }
}
