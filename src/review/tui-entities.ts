import type { Db } from '../db/connect.js';
import { approveItem, mergeDealInto, splitDeal } from './actions.js';
import { findCompanies, getCompanyDetail, getItemCompanies, type ItemCompany, mergeCompanyInto, splitCompanyOff } from './companies.js';
import { ReviewError } from './errors.js';
import { type ComparedDeal, getComparedDeals, getDealDetail, getItemDetail, type ItemDetail, searchDeals } from './queries.js';
import { confirm, type Io, need, numbered, parseNumbers, pickFrom, searchAndPick } from './tui-prompt.js';
import { money } from './text.js';

// Merge and split from the terminal review loop, for the item on screen: targets are found by
// typing part of a company name and picking from a numbered list, a merge shows both sides and
// asks first, and every write goes through the same service functions as the web UI. Each flow
// returns the line to print when it acted, or null when the operator cancelled.

const SEARCH_LIMIT = 15;

export interface FlowDeps {
  db: Db;
  actor: string;
  io: Io;
}

/** One item as the loop shows it: its detail plus the other live deals and companies it names. */
export interface ItemView {
  detail: ItemDetail;
  /** Other live deals a pair item (possible duplicate, conflict) names. */
  pairDeals: ComparedDeal[];
  /** Other live companies a possible-duplicate item names. */
  pairCompanies: ItemCompany[];
}

const live = (d: { merged_into: number | null; rejected_at: Date | null }) => d.merged_into === null && d.rejected_at === null;

export async function loadItem(db: Db, itemId: number): Promise<ItemView> {
  const detail = await getItemDetail(db, itemId);
  const [compared, companies] = await Promise.all([
    getComparedDeals(db, detail.item.payload),
    getItemCompanies(db, detail.item, detail.company?.id ?? null),
  ]);
  return {
    detail,
    pairDeals: compared.filter((c) => c.deal.id !== detail.deal?.id && live(c.deal)),
    pairCompanies: companies.filter((c) => c.company.id !== detail.company?.id && c.company.merged_into === null),
  };
}

type DealSide = Pick<ComparedDeal, 'deal' | 'company' | 'sources' | 'investors'>;

function dealSide(d: DealSide): string {
  const investors = d.investors.map((i) => `${i.name}${i.lead ? ' (lead)' : ''}`).join(', ');
  return (
    `deal #${d.deal.id}: ${d.company.name} · ${d.deal.round} · ${money(d.deal.amount_value, d.deal.amount_currency)} · ` +
    `${d.deal.announced_on ?? 'no date'} · ${d.sources.length} source(s)${investors ? ` · ${investors}` : ''}`
  );
}

function companySide(c: ItemCompany): string {
  return (
    `company #${c.company.id}: ${c.company.name} · ${c.company.country ?? '??'} · ${c.deals.length} deal(s) · ` +
    `names: ${c.aliases.map((a) => a.name).join(', ') || '—'}`
  );
}

/** Lines naming what a pair item compares this item with (empty for other items). */
export function describePair(view: ItemView): string[] {
  return [...view.pairDeals.map((d) => `Other ${dealSide(d)}`), ...view.pairCompanies.map((c) => `Other ${companySide(c)}`)];
}

/** What the pair keys act on: another live deal or company named by the item, with ours live too. */
export function hasPair(view: ItemView): boolean {
  return (ownDeal(view) !== null && view.pairDeals.length > 0) || (ownCompany(view) !== null && view.pairCompanies.length > 0);
}

export function ownDeal(view: ItemView): ItemDetail['deal'] {
  const { deal } = view.detail;
  return deal && live(deal) ? deal : null;
}

export function ownCompany(view: ItemView): ItemDetail['company'] {
  const { company } = view.detail;
  return company && company.merged_into === null ? company : null;
}

function needDeal(view: ItemView) {
  const deal = ownDeal(view);
  if (!deal) throw new ReviewError('invalid', 'This item has no live deal');
  return deal;
}

function needCompany(view: ItemView) {
  const company = ownCompany(view);
  if (!company) throw new ReviewError('invalid', 'This item has no live company');
  return company;
}

/** Show both deals, ask, then merge this item's deal into `intoId`. */
async function confirmDealMerge(d: FlowDeps, view: ItemView, intoId: number): Promise<string | null> {
  const from = needDeal(view);
  const into = await getDealDetail(d.db, intoId);
  d.io.say(`  merge   ${dealSide({ ...view.detail, deal: from, company: view.detail.company! })}`);
  d.io.say(`  into    ${dealSide(into)}`);
  const ok = await confirm(
    d.io,
    `Merge deal #${from.id} into #${intoId}? Its sources and investors move and #${from.id} leaves the clean set.`,
  );
  if (!ok) return null;
  await mergeDealInto(d.db, from.id, intoId, d.actor);
  return `Merged deal #${from.id} into #${intoId}.`;
}

/** Show both companies, ask, then merge this item's company into `intoId` (closing the item). */
async function confirmCompanyMerge(d: FlowDeps, view: ItemView, intoId: number): Promise<string | null> {
  const from = needCompany(view);
  const [fromPage, intoPage] = await Promise.all([getCompanyDetail(d.db, from.id), getCompanyDetail(d.db, intoId)]);
  d.io.say(`  merge   ${companySide(fromPage)}`);
  d.io.say(`  into    ${companySide(intoPage)}`);
  const ok = await confirm(d.io, `Merge company #${from.id} into #${intoId}? Its names and deals move to ${intoPage.company.name}.`);
  if (!ok) return null;
  const item = view.detail.item.id;
  const moved = await mergeCompanyInto(d.db, { fromId: from.id, intoId, itemId: item }, d.actor);
  return (
    `Merged company #${from.id} ${from.name} into #${intoId} ${intoPage.company.name}: ` +
    `${moved.movedDeals.length} deal(s), ${moved.movedAliases} name(s) moved; item #${item} closed as merged.`
  );
}

/** md: merge this item's deal into another live deal, found by company name. */
export async function mergeDealFlow(d: FlowDeps, view: ItemView): Promise<string | null> {
  const deal = needDeal(view);
  const hit = await searchAndPick(d.io, {
    what: 'deal to merge into',
    search: (q) => searchDeals(d.db, q, { excludeId: deal.id, limit: SEARCH_LIMIT }),
    line: (h) =>
      `${h.company_name} · ${h.round} · ${money(h.amount_value, h.amount_currency)} · ${h.announced_on ?? 'no date'} · ` +
      `${h.country ?? '??'} · ${h.source_count} source(s)`,
  });
  return hit ? confirmDealMerge(d, view, hit.id) : null;
}

/** sd: move chosen sources of this item's deal onto a new deal. */
export async function splitDealFlow(d: FlowDeps, view: ItemView): Promise<string | null> {
  const deal = needDeal(view);
  const { sources } = view.detail;
  if (sources.length < 2) throw new ReviewError('invalid', `Deal #${deal.id} has ${sources.length} source(s); a split needs two or more`);
  d.io.say(`Sources of deal #${deal.id}:`);
  numbered(
    d.io,
    sources,
    (s) =>
      `${s.publisher ?? new URL(s.url).host} · ${s.role} · ${money(s.amount_value, s.amount_currency)} · ${s.announced_on ?? 'no date'}` +
      `${s.figures_disagree ? ' [figures differ]' : ''} · ${s.url}`,
  );
  const picked = parseNumbers(await need(d.io, 'sources to move to a new deal (e.g. 2 or 1,3; empty to cancel) > '), sources.length);
  if (!picked.length) return null;
  const created = await splitDeal(
    d.db,
    deal.id,
    picked.map((i) => sources[i]!.article_id),
    d.actor,
  );
  return `Split ${picked.length} source(s) of deal #${deal.id} into new deal #${created}.`;
}

/** mc: merge this item's company into another live company, found by name. */
export async function mergeCompanyFlow(d: FlowDeps, view: ItemView): Promise<string | null> {
  const company = needCompany(view);
  const hit = await searchAndPick(d.io, {
    what: 'company to merge into',
    search: (q) => findCompanies(d.db, q, { excludeId: company.id, limit: SEARCH_LIMIT }),
    line: (h) => `${h.name}${h.matched !== h.name ? ` (as "${h.matched}")` : ''} · ${h.country ?? '??'} · ${h.dealCount} deal(s)`,
  });
  return hit ? confirmCompanyMerge(d, view, hit.id) : null;
}

/** sc: move chosen names and deals of this item's company to a new company. */
export async function splitCompanyFlow(d: FlowDeps, view: ItemView): Promise<string | null> {
  const company = needCompany(view);
  const page = await getCompanyDetail(d.db, company.id);
  const choose = async <T>(rows: T[], what: string, line: (row: T) => string): Promise<T[]> => {
    if (!rows.length) return [];
    d.io.say(`${what[0]!.toUpperCase()}${what.slice(1)} of company #${company.id} ${company.name}:`);
    numbered(d.io, rows, line);
    const picked = parseNumbers(await need(d.io, `${what} to move to the new company (e.g. 2 or 1,3; empty for none) > `), rows.length);
    return picked.map((i) => rows[i]!);
  };
  const names = await choose(page.aliases, 'names', (a) => a.name);
  const deals = await choose(
    page.deals,
    'deals',
    (x) =>
      `#${x.id} ${x.announced_on ?? 'no date'} · ${x.round} · ${money(x.amount_value, x.amount_currency)} · ${x.sources.length} source(s)`,
  );
  if (!names.length && !deals.length) return null;
  const fallback = names[0]?.name;
  const typed = await need(d.io, `new company's name${fallback ? ` (empty: ${fallback})` : ''} > `);
  const name = typed || fallback;
  if (!name) throw new ReviewError('invalid', 'The new company needs a name; nothing was split');
  const created = await splitCompanyOff(
    d.db,
    { companyId: company.id, aliasIds: names.map((a) => a.id), dealIds: deals.map((x) => x.id), name },
    d.actor,
  );
  return `Split ${names.length} name(s) and ${deals.length} deal(s) of company #${company.id} ${company.name} into new company #${created} ${name}.`;
}

/** d: merge this item's deal or company into the other one the item names (pick when it names several). */
export async function mergePairFlow(d: FlowDeps, view: ItemView): Promise<string | null> {
  const choices = [
    ...(ownDeal(view) ? view.pairDeals : []).map((o) => ({ line: dealSide(o), run: () => confirmDealMerge(d, view, o.deal.id) })),
    ...(ownCompany(view) ? view.pairCompanies : []).map((o) => ({
      line: companySide(o),
      run: () => confirmCompanyMerge(d, view, o.company.id),
    })),
  ];
  if (!choices.length) throw new ReviewError('invalid', 'This item names no other live deal or company to merge with');
  const choice = choices.length === 1 ? choices[0]! : await pickFrom(d.io, choices, 'merge with', (c) => c.line);
  return choice ? choice.run() : null;
}

/** k: the pair are different: resolve the item, both stay as they are. */
export async function keepApartFlow(d: FlowDeps, view: ItemView): Promise<string> {
  await approveItem(d.db, view.detail.item.id, d.actor);
  const others = [...view.pairDeals.map((o) => `deal #${o.deal.id}`), ...view.pairCompanies.map((o) => `company #${o.company.id}`)];
  return `Kept apart from ${others.join(', ') || 'the other'}; item #${view.detail.item.id} resolved.`;
}
