import type { CompaniesCleanView } from '../db/types.js';
import type { CompanyDetail, ItemCompany } from '../review/companies.js';
import type { CompanyHit } from '../store/companies.js';
import type { DealSourceRow } from '../store/deal-queries.js';
import { formatUsd } from './charts.js';
import { html, type Html } from './html.js';
import { auditTable, hidden, layout, money, moneyText, type PageCtx, reviewPill, statusPill } from './parts.js';

// Company pages: the list and search, one company (names, funding timeline, merge and split), the
// merge-target search, and the panels the review item and deal pages show about companies.
// Targets are always chosen from name search results; no form asks for an id.

const round = (r: string) => r.replace(/_/g, ' ');

/** The review item an action came from, carried through forms so the operator lands back on it. */
function itemField(itemId?: number): Html {
  return itemId ? html`<input type="hidden" name="item" value="${itemId}">` : html``;
}

/** Search form for the company to merge `companyId` into (or to merge into it). */
export function companyMergeSearchForm(companyId: number, q = '', itemId?: number): Html {
  return html`<form method="get" action="/companies/${companyId}/merge" class="actions">${itemField(itemId)}
<label>Merge companies: find the other company by name <input name="q" value="${q}" placeholder="search company names" required></label><button>Find companies</button></form>`;
}

export function companyMergeButton(ctx: PageCtx, fromId: number, intoId: number, label: string, itemId?: number): Html {
  return html`<form method="post" action="/companies/${fromId}/merge">${hidden(ctx)}${itemField(itemId)}<input type="hidden" name="into" value="${intoId}"><button>${label}</button></form>`;
}

type SplitDeal = { id: number; round: string; announced_on: string | null; amount_value: number | null; amount_currency: string | null };

/** Choose names and deals of a company to move to a new company. */
export function companySplitForm(
  ctx: PageCtx,
  company: { id: number; name: string },
  aliases: Array<{ id: number; name: string }>,
  deals: SplitDeal[],
  itemId?: number,
): Html {
  if (aliases.length + deals.length < 2) return html`<p class="muted">Nothing to split: the company has one name and no other deal.</p>`;
  return html`<form method="post" action="/companies/${company.id}/split" class="panel" id="split-company">${hidden(ctx)}${itemField(itemId)}
<p>Move the chosen names and deals of <b>${company.name}</b> to a new company (it keeps at least one name).</p>
<div class="grid"><fieldset><legend>Names</legend>${aliases.map(
    (a) => html`<label><input type="checkbox" name="alias" value="${a.id}"> ${a.name}</label>`,
  )}</fieldset>
<fieldset><legend>Deals</legend>${
    deals.length
      ? deals.map(
          (d) =>
            html`<label><input type="checkbox" name="deal" value="${d.id}"> #${d.id} ${round(d.round)} · ${moneyText(d.amount_value, d.amount_currency)} · ${d.announced_on ?? 'no date'}</label>`,
        )
      : html`<span class="muted">none</span>`
  }</fieldset></div>
<label>Name of the new company <input name="name" placeholder="(the first chosen name)" maxlength="200"></label>
<p><button>Split into a new company</button></p></form>`;
}

/** A deal's sources as links, each with its role, and a mark where its figures disagree. */
function sourceLinks(sources: DealSourceRow[]): Html {
  if (!sources.length) return html`<span class="muted">none</span>`;
  return html`${sources.map(
    (s, i) =>
      html`${i ? ', ' : ''}<a href="${s.url}" rel="noopener noreferrer">${s.publisher ?? s.title ?? s.url}</a>${s.role === 'mention' ? html` <span class="pill">mention</span>` : ''}${s.figures_disagree ? html` <span class="pill warn">figures differ</span>` : ''}`,
  )}`;
}

export function companyPage(ctx: PageCtx, d: CompanyDetail, opts: { flash?: string } = {}): Html {
  const { company, aliases, deals } = d;
  const live = company.merged_into === null;
  const total = deals.reduce((sum, x) => sum + (x.amount_usd ?? 0), 0);
  return layout(
    company.name,
    ctx,
    html`<h1>Company #${company.id}: ${company.name} ${live ? '' : html`<span class="pill">merged into <a href="/companies/${company.merged_into}">#${company.merged_into}</a></span>`}</h1>
<table><tr><th>Country</th><th>Region</th><th>Domain</th><th class="num">Deals</th><th class="num">Total (USD)</th><th>First seen</th></tr>
<tr><td>${company.country ?? ''}</td><td>${company.region ?? ''}</td><td>${company.domain ?? html`<span class="muted">—</span>`}</td><td class="num">${deals.length}</td><td class="num">${total ? formatUsd(total) : '—'}</td><td>${company.created_at}</td></tr></table>
<h2>Names</h2>${aliases.length ? html`<ul>${aliases.map((a) => html`<li>${a.name} <span class="muted">since ${a.created_at}</span></li>`)}</ul>` : html`<p class="muted">No names recorded.</p>`}
<h2>Funding timeline</h2>${
      deals.length
        ? html`<table><tr><th>Announced</th><th>Deal</th><th>Round</th><th>Amount</th><th>Valuation</th><th>Status</th><th>Review</th><th>Sources</th></tr>
${deals.map(
  (
    x,
  ) => html`<tr><td>${x.announced_on ?? html`<span class="muted">no date</span>`}</td><td><a href="/deals/${x.id}">#${x.id}</a></td><td>${round(x.round)}</td>
<td>${money(x.amount_value, x.amount_currency, x.amount_usd)}</td><td>${money(x.valuation_value, x.valuation_currency, x.valuation_usd)}</td><td>${statusPill(x.status)}</td><td>${reviewPill(x.needs_review)}</td><td>${sourceLinks(x.sources)}</td></tr>`,
)}</table>`
        : html`<p class="muted">No live deals.</p>`
    }
${
  live
    ? html`<h2>Merge</h2>${companyMergeSearchForm(company.id)}
<h2>Split</h2>${companySplitForm(ctx, company, aliases, deals)}`
    : ''
}
<h2>Audit</h2>${auditTable(d.audit)}`,
    opts.flash,
  );
}

/** Companies matching a search, each with buttons to merge either way. */
export function companyMergePage(ctx: PageCtx, from: { id: number; name: string }, q: string, hits: CompanyHit[], itemId?: number): Html {
  return layout(
    `Merge company #${from.id}`,
    ctx,
    html`<h1>Merge company <a href="/companies/${from.id}">${from.name}</a> with…</h1>
${itemId ? html`<p class="muted">From <a href="/review/${itemId}">review item #${itemId}</a>: merging closes it.</p>` : ''}
${companyMergeSearchForm(from.id, q, itemId)}
${
  hits.length
    ? html`<table><tr><th>Company</th><th>Matched name</th><th>Country</th><th class="num">Deals</th><th></th><th></th></tr>
${hits.map(
  (
    h,
  ) => html`<tr><td><a href="/companies/${h.id}">${h.name}</a> <span class="muted">#${h.id}</span></td><td>${h.matched}</td><td>${h.country ?? ''}</td><td class="num">${h.dealCount}</td>
<td>${companyMergeButton(ctx, from.id, h.id, `Merge ${from.name} into this`, itemId)}</td><td>${companyMergeButton(ctx, h.id, from.id, `Merge this into ${from.name}`, itemId)}</td></tr>`,
)}</table>`
    : html`<p class="muted">${q ? html`No other live company has a name like “${q}”.` : 'Type part of a name.'}</p>`
}`,
  );
}

/** The company list: search any name, filter by country, page by name. */
export function companiesPage(
  ctx: PageCtx,
  companies: CompaniesCleanView[],
  filters: { q?: string; country?: string },
  nextCursor: string | null,
  query: string,
): Html {
  return layout(
    'Companies',
    ctx,
    html`<h1>Companies</h1>
<form method="get" action="/companies" class="actions"><label>Name <input name="q" value="${filters.q ?? ''}" placeholder="any name it was written as"></label>
<label>Country <input name="country" size="3" value="${filters.country ?? ''}"></label><button>Search</button></form><p></p>
${
  companies.length
    ? html`<table><tr><th>Company</th><th>Also written as</th><th>Country</th><th class="num">Deals</th><th>First deal</th><th>Last deal</th><th class="num">Total (USD)</th></tr>
${companies.map(
  (
    c,
  ) => html`<tr><td><a href="/companies/${c.id}">${c.name}</a></td><td>${c.aliases.filter((a) => a !== c.name).join(', ')}</td><td>${c.country ?? ''}</td>
<td class="num">${c.deal_count}</td><td>${c.first_deal_on ?? ''}</td><td>${c.last_deal_on ?? ''}</td><td class="num">${c.total_usd ? formatUsd(c.total_usd) : '—'}</td></tr>`,
)}</table>`
    : html`<p class="muted">No companies match.</p>`
}${nextCursor ? html`<p><a href="/companies?${query}${query ? '&' : ''}cursor=${nextCursor}">Next page →</a></p>` : ''}`,
  );
}

/** A possible-duplicate item's companies side by side, with merge buttons both ways. */
export function itemCompaniesPanel(ctx: PageCtx, companies: ItemCompany[], itemId: number): Html {
  if (companies.length < 2) return html``;
  const rows: Array<[string, (c: ItemCompany) => Html | string]> = [
    ['Names', (c) => c.aliases.map((a) => a.name).join(', ') || '—'],
    ['Country', (c) => c.company.country ?? '—'],
    ['Domain', (c) => c.company.domain ?? '—'],
    [
      'Deals',
      (c) =>
        c.deals.length
          ? html`${c.deals.map((x) => html`<a href="/deals/${x.id}">#${x.id}</a> ${round(x.round)} · ${moneyText(x.amount_value, x.amount_currency)} · ${x.announced_on ?? 'no date'}<br>`)}`
          : '—',
    ],
  ];
  const liveOf = (c: ItemCompany) => c.company.merged_into === null;
  return html`<div class="panel"><h2>Possible duplicate companies</h2>
<table><tr><th></th>${companies.map(
    (c, i) =>
      html`<th><a href="/companies/${c.company.id}">${c.company.name}</a>${i === 0 ? html` <span class="pill">this item</span>` : ''}${liveOf(c) ? '' : html` <span class="pill">merged into #${c.company.merged_into}</span>`}</th>`,
  )}</tr>
${rows.map(([label, get]) => html`<tr><th>${label}</th>${companies.map((c) => html`<td>${get(c)}</td>`)}</tr>`)}
<tr><th></th>${companies.map(
    (c) =>
      html`<td>${
        liveOf(c)
          ? companies
              .filter((o) => o.company.id !== c.company.id && liveOf(o))
              .map((o) => companyMergeButton(ctx, c.company.id, o.company.id, `Merge ${c.company.name} into ${o.company.name}`, itemId))
          : ''
      }</td>`,
  )}</tr></table>
<p class="muted">Not the same company? Approve the item to keep them apart.</p></div>`;
}
