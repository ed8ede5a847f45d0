import type { Db } from '../db/connect.js';
import { dealSources, findDeal } from '../store/deal-queries.js';
import { mergeDealInto, splitDeal } from './actions.js';
import { getCompanyDetail, mergeCompanyInto, resolveCompanyName, resolveDealTarget, splitCompanyOff } from './companies.js';
import { ReviewError } from './errors.js';
import { money } from './text.js';

// `dealflow review` subcommands that merge and split companies and deals. Companies and merge
// targets are named by name (searched; several matches are listed, and "#ID" picks one of them);
// each function returns the lines to print.

/** A company's names and funding timeline, as text. */
export async function showCompany(db: Db, name: string): Promise<string[]> {
  const hit = await resolveCompanyName(db, name);
  const d = await getCompanyDetail(db, hit.id);
  const { company } = d;
  return [
    `Company #${company.id}: ${company.name} · ${company.country ?? '??'}${company.domain ? ` · ${company.domain}` : ''}`,
    `Names: ${d.aliases.map((a) => a.name).join(', ') || '—'}`,
    `Deals (${d.deals.length}):`,
    ...d.deals.map(
      (x) =>
        `  #${x.id} ${x.announced_on ?? 'no date'} · ${x.round} · ${money(x.amount_value, x.amount_currency)} · ${x.status} · ` +
        `${x.sources.map((s) => `${s.publisher ?? new URL(s.url).host}${s.role === 'mention' ? ' (mention)' : ''}${s.figures_disagree ? ' [figures differ]' : ''}`).join(', ') || 'no sources'}`,
    ),
  ];
}

/** Merge the company `name` names into the one `into` names. */
export async function mergeCompanyByName(db: Db, o: { name: string; into: string; actor: string }): Promise<string[]> {
  const from = await resolveCompanyName(db, o.name);
  const into = await resolveCompanyName(db, o.into, { excludeId: from.id });
  const moved = await mergeCompanyInto(db, { fromId: from.id, intoId: into.id }, o.actor);
  return [
    `Merged company #${from.id} ${from.name} into #${into.id} ${into.name}: ${moved.movedDeals.length} deal(s), ${moved.movedAliases} name(s) moved.`,
  ];
}

/** Move names (as written) and deals (ids) of the company `name` names to a new company. */
export async function splitCompanyByName(
  db: Db,
  o: { name: string; names: string[]; deals: number[]; newName?: string; actor: string },
): Promise<string[]> {
  const hit = await resolveCompanyName(db, o.name);
  const d = await getCompanyDetail(db, hit.id);
  const aliasIds = o.names.map((n) => {
    const alias = d.aliases.find((a) => a.name.toLowerCase() === n.trim().toLowerCase());
    if (!alias)
      throw new ReviewError('invalid', `"${n}" is not a name of company #${hit.id} (names: ${d.aliases.map((a) => a.name).join(', ')})`);
    return alias.id;
  });
  const created = await splitCompanyOff(db, { companyId: hit.id, aliasIds, dealIds: o.deals, name: o.newName }, o.actor);
  return [`Split ${aliasIds.length} name(s) and ${o.deals.length} deal(s) of company #${hit.id} ${hit.name} into new company #${created}.`];
}

/** Merge deal `dealId` into the deal `into` names: "#ID", or a company name with one other live deal. */
export async function mergeDealByName(db: Db, o: { dealId: number; into: string; actor: string }): Promise<string[]> {
  const target = await resolveDealTarget(db, o.into, o.dealId);
  await mergeDealInto(db, o.dealId, target.id, o.actor);
  return [`Merged deal #${o.dealId} into #${target.id}.`];
}

/** Split the sources named by article id or URL off deal `dealId` into a new deal. */
export async function splitDealBySources(db: Db, o: { dealId: number; sources: string[]; actor: string }): Promise<string[]> {
  if (!(await findDeal(db, o.dealId))) throw new ReviewError('not_found', `Deal #${o.dealId} does not exist`);
  const linked = await dealSources(db, o.dealId);
  const ids = o.sources.map((s) => {
    const text = s.trim();
    const found = /^\d+$/.test(text) ? linked.find((l) => l.article_id === Number(text)) : linked.find((l) => l.url === text);
    if (!found) {
      const list = linked.map((l) => `  ${l.article_id} ${l.url}`).join('\n');
      throw new ReviewError('invalid', `"${text}" is not a source of deal #${o.dealId}; its sources (article id, URL):\n${list}`);
    }
    return found.article_id;
  });
  const created = await splitDeal(db, o.dealId, ids, o.actor);
  return [`Split ${ids.length} source(s) of deal #${o.dealId} into new deal #${created}.`];
}
