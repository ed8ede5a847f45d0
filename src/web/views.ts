import type { AuditLogTable, DealsCleanView } from '../db/types.js';
import type { Selectable } from 'kysely';
import { REGIONS, ROUNDS, STATUSES } from '../deal/schema.js';
import type { ItemCompany } from '../review/companies.js';
import type { ComparedDeal, DealDetail, DealSearchHit, ItemDetail, OpenItemSummary } from '../review/queries.js';
import { REVIEW_KINDS } from '../deal/review.js';
import type { TopInvestor, WeeklyPoint } from '../store/stats.js';
import { formatUsd, pivotWeeks, stackedBars, weekStarts } from './charts.js';
import { companyMergeSearchForm, companySplitForm, itemCompaniesPanel } from './company-views.js';
import { highlight, html, type Html } from './html.js';
import {
  auditTable,
  changeList,
  hidden,
  investorLine,
  layout,
  money,
  moneyText,
  options,
  type PageCtx,
  reviewPill,
  statusPill,
} from './parts.js';

export { changeList, investorLine, type PageCtx } from './parts.js';

// Server-rendered pages. Every value goes through html`` (escaped); only html`` fragments nest.

export const CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,sans-serif;color:#1d2330;background:#f5f6f8}
header{background:#1d2330;color:#fff;padding:.6rem 1.5rem;display:flex;gap:1.2rem;align-items:center}
header a{color:#cfd6e4;text-decoration:none}header a:hover{color:#fff}header .brand{font-weight:700;color:#fff}
header form{margin-left:auto}header button{background:none;border:1px solid #55607a;color:#cfd6e4}
main{max-width:1100px;margin:1.5rem auto;padding:0 1.5rem}h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde1e8}th,td{padding:.45rem .6rem;border-bottom:1px solid #eceef2;text-align:left;vertical-align:top}
th{background:#f0f2f5;font-weight:600;font-size:.85rem}.num{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:.8rem 1rem;min-width:150px;text-decoration:none;color:inherit}
.card b{display:block;font-size:1.6rem}.muted{color:#6b7385}.pill{display:inline-block;padding:0 .5rem;border-radius:9px;background:#e7ebf3;font-size:.8rem}
.article{background:#fff;border:1px solid #dde1e8;padding:1rem;white-space:pre-wrap;max-height:28rem;overflow:auto}mark{background:#ffe58a;padding:0 1px}
.panel{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:1rem;margin:1rem 0}.grid{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
label{display:block;font-size:.85rem;color:#444;margin:.3rem 0}textarea{display:block;font:inherit;padding:.3rem .4rem;border:1px solid #c6ccd8;border-radius:4px}input,select{font:inherit;padding:.3rem .4rem;border:1px solid #c6ccd8;border-radius:4px}
button{font:inherit;padding:.35rem .9rem;border-radius:4px;border:1px solid #8a93a6;background:#fff;cursor:pointer}
.approve{background:#1f8a4c;color:#fff;border-color:#1f8a4c}.reject{background:#c0392b;color:#fff;border-color:#c0392b}
.actions{display:flex;gap:.5rem;flex-wrap:wrap;align-items:end}.flash{background:#fff4d6;border:1px solid #e8c96a;padding:.5rem 1rem;border-radius:4px}
.error{background:#fde8e6;border-color:#e7a39b}code{font-size:.8rem;word-break:break-word}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.chart{background:#fff;border:1px solid #dde1e8;border-radius:6px;margin:0;padding:.6rem .8rem}
.chart figcaption{font-weight:600;font-size:.9rem;margin-bottom:.3rem}.legends{font-size:.8rem;color:#444;display:flex;flex-wrap:wrap;gap:.2rem .8rem}
.pill.warn{background:#fff0c2}.pill.ok{background:#dcf2e3}.pill.rumored{background:#f3e3f7}.pill.in_talks{background:#e3eefb}
.changes{margin:0;padding-left:1rem}.changes li{list-style:square}.old{color:#a33;text-decoration:line-through}.new{color:#1f6b3a}
kbd{border:1px solid #c6ccd8;border-radius:3px;padding:0 .3rem;font-size:.8rem;background:#fafbfc}button kbd{background:transparent;color:inherit;border-color:currentColor;opacity:.8}
`;

export function errorPage(ctx: PageCtx | null, status: number, message: string): Html {
  return layout(
    `Error ${status}`,
    ctx,
    html`<h1>Error ${status}</h1><p class="flash error">${message}</p><p><a href="/">Back to the dashboard</a></p>`,
  );
}

export function loginPage(error?: string, next = '/'): Html {
  return layout(
    'Log in',
    null,
    html`<h1>Log in</h1>${error ? html`<p class="flash error">${error}</p>` : ''}
<form method="post" action="/login" class="panel">
<input type="hidden" name="next" value="${next}">
<label>Admin token <input type="password" name="token" autocomplete="off" size="40"></label>
<p class="muted">or an operator account</p>
<label>Username <input name="username" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<p><button class="approve">Log in</button></p></form>`,
  );
}

function dealsTable(deals: DealsCleanView[]): Html {
  if (!deals.length) return html`<p class="muted">No deals yet.</p>`;
  return html`<table><tr><th>#</th><th>Company</th><th>Round</th><th>Status</th><th>Amount</th><th>Country</th><th>Announced</th><th>Investors</th><th class="num">Sources</th><th>Review</th></tr>
${deals.map(
  (
    d,
  ) => html`<tr><td><a href="/deals/${d.id}">${d.id}</a></td><td>${d.company_name}</td><td>${d.round.replace(/_/g, ' ')}</td><td>${statusPill(d.status)}</td><td>${money(d.amount_value, d.amount_currency, d.amount_usd)}</td>
<td>${d.country ?? ''}</td><td>${d.announced_on ?? ''}</td><td>${d.investors_text}</td><td class="num">${d.source_count}</td><td>${reviewPill(d.needs_review)}</td></tr>`,
)}</table>`;
}

export interface DashboardStats {
  /** Last day of the charted period (YYYY-MM-DD) and the number of weeks shown. */
  until: string;
  weeks: number;
  byRegion: WeeklyPoint[];
  byRound: WeeklyPoint[];
  investors: TopInvestor[];
}

function dashboardCharts(stats: DashboardStats): Html {
  const weeks = weekStarts(stats.until, stats.weeks);
  return html`<h2>Last ${stats.weeks} weeks <span class="muted">(by announcement date, to ${stats.until})</span></h2>
<div class="charts">
${stackedBars('Deals per week by region', pivotWeeks(weeks, stats.byRegion, 'deals'), (n) => String(Math.round(n)))}
${stackedBars('USD volume per week by region', pivotWeeks(weeks, stats.byRegion, 'usd'), formatUsd)}
${stackedBars('Deals per week by round', pivotWeeks(weeks, stats.byRound, 'deals'), (n) => String(Math.round(n)))}
${stackedBars('USD volume per week by round', pivotWeeks(weeks, stats.byRound, 'usd'), formatUsd)}
</div>
<h2>Top investors</h2>${
    stats.investors.length
      ? html`<table><tr><th>Investor</th><th class="num">Deals</th><th class="num">Led</th><th class="num">Volume</th></tr>
${stats.investors.map((i) => html`<tr><td>${i.name}</td><td class="num">${i.deals}</td><td class="num">${i.leads}</td><td class="num">${formatUsd(i.usd)}</td></tr>`)}</table>`
      : html`<p class="muted">No investors recorded in this period.</p>`
  }`;
}

export function dashboardPage(ctx: PageCtx, counts: Record<string, number>, recent: DealsCleanView[], stats: DashboardStats): Html {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return layout(
    'Dashboard',
    ctx,
    html`<h1>Review queue <span class="pill">${total} open</span></h1>
<div class="cards">${REVIEW_KINDS.map((k) => html`<a class="card" href="/review?kind=${k}"><b>${counts[k] ?? 0}</b>${k.replace(/_/g, ' ')}</a>`)}</div>
${dashboardCharts(stats)}
<h2>Recent deals</h2>${dealsTable(recent)}`,
  );
}

export function queuePage(ctx: PageCtx, items: OpenItemSummary[], kind: string | undefined, counts: Record<string, number>): Html {
  return layout(
    'Review',
    ctx,
    html`<h1>Open review items${kind ? html` · ${kind}` : ''}</h1>
<p>${[html`<a href="/review">all</a>`, ...REVIEW_KINDS.map((k) => html` · <a href="/review?kind=${k}">${k} (${counts[k] ?? 0})</a>`)]}</p>
${
  items.length
    ? html`<table><tr><th>Item</th><th>Kind</th><th>Deal</th><th>Reason</th><th>Article</th><th>Created</th></tr>
${items.map(
  (i) => html`<tr><td><a href="/review/${i.id}">#${i.id}</a></td><td><span class="pill">${i.kind}</span></td>
<td>${i.deal_id ? html`${i.company_name} · ${i.round}` : html`<span class="muted">none</span>`}</td><td>${i.reason}</td><td>${i.article_title ?? ''}</td><td>${i.created_at}</td></tr>`,
)}</table>`
    : html`<p class="muted">Nothing to review. 🎉</p>`
}`,
  );
}

/** The edit form's fields as strings: from the stored deal, or as the operator submitted them. */
export type EditValues = Record<
  | 'company_name'
  | 'country'
  | 'region'
  | 'round'
  | 'status'
  | 'amount_value'
  | 'amount_currency'
  | 'valuation_value'
  | 'valuation_currency'
  | 'announced_on'
  | 'investors',
  string
>;

/** An edit that failed validation: the page is shown again with the operator's input and the error. */
export interface EditAttempt {
  values: EditValues;
  error: string;
}

type EditableDeal = NonNullable<ItemDetail['deal']>;

export function editValuesOf(d: EditableDeal, companyName: string, investors: Array<{ name: string; lead: boolean }>): EditValues {
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    company_name: companyName,
    country: str(d.country),
    region: str(d.region),
    round: d.round,
    status: d.status,
    amount_value: str(d.amount_value),
    amount_currency: str(d.amount_currency),
    valuation_value: str(d.valuation_value),
    valuation_currency: str(d.valuation_currency),
    announced_on: str(d.announced_on),
    investors: investors.map(investorLine).join('\n'),
  };
}

function editForm(ctx: PageCtx, id: number, v: EditValues, action: string, error?: string): Html {
  return html`<form method="post" action="${action}" class="panel" id="edit"><h2>Edit deal #${id}</h2>${hidden(ctx)}
${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
<div class="grid">
<label>Company <input name="company_name" value="${v.company_name}" required></label>
<label>Country <input name="country" value="${v.country}" size="3" maxlength="2" pattern="[A-Za-z]{2}" title="ISO 3166-1 alpha-2, e.g. DE"></label>
<label>Round <select name="round">${options(ROUNDS, v.round)}</select></label>
<label>Status <select name="status">${options(STATUSES, v.status)}</select></label>
<label>Amount <input name="amount_value" value="${v.amount_value}" inputmode="decimal"> <input name="amount_currency" value="${v.amount_currency}" size="4" maxlength="3" pattern="[A-Za-z]{3}" title="ISO 4217, e.g. EUR"></label>
<label>Valuation <input name="valuation_value" value="${v.valuation_value}" inputmode="decimal"> <input name="valuation_currency" value="${v.valuation_currency}" size="4" maxlength="3" pattern="[A-Za-z]{3}" title="ISO 4217, e.g. USD"></label>
<label>Region <select name="region"><option value="">(from the country)</option>${options(REGIONS, v.region || null)}</select></label>
<label>Announced on <input type="date" name="announced_on" value="${v.announced_on}"></label>
<label>Investors, one per line; mark leads with “(lead)” <textarea name="investors" rows="4" cols="40">${v.investors}</textarea></label>
</div><p><button data-key="s">Save changes <kbd>s</kbd></button></p></form>`;
}

/** Search form for the deal to merge `fromId` into (by company name). */
function mergeSearchForm(fromId: number, q = ''): Html {
  return html`<form method="get" action="/merge" class="actions"><input type="hidden" name="from" value="${fromId}">
<label>Merge into another deal: company <input name="q" value="${q}" placeholder="search company names" required data-key="m"></label><button>Find deals <kbd>m</kbd></button></form>`;
}

function mergeButton(ctx: PageCtx, fromId: number, intoId: number, label: Html | string): Html {
  return html`<form method="post" action="/deals/${fromId}/merge">${hidden(ctx)}<input type="hidden" name="into" value="${intoId}"><button>${label}</button></form>`;
}

/** The deals a pair item names, side by side, field by field, differences marked. */
function comparePanel(ctx: PageCtx, deals: ComparedDeal[], focusId: number | null, reasons: string[]): Html {
  if (deals.length < 2) return html``;
  const rows: Array<[string, (d: ComparedDeal) => string]> = [
    ['Company', (d) => d.company.name],
    ['Round', (d) => d.deal.round],
    ['Status', (d) => d.deal.status],
    ['Amount', (d) => moneyText(d.deal.amount_value, d.deal.amount_currency, d.deal.amount_usd)],
    ['Valuation', (d) => moneyText(d.deal.valuation_value, d.deal.valuation_currency)],
    ['Country', (d) => d.deal.country ?? d.company.country ?? '—'],
    ['Announced', (d) => d.deal.announced_on ?? '—'],
    ['Investors', (d) => d.investors.map(investorLine).join(', ') || '—'],
    ['Sources', (d) => d.sources.map((x) => x.publisher ?? new URL(x.url).host).join(', ') || '—'],
    ['State', (d) => (d.deal.merged_into ? `merged into #${d.deal.merged_into}` : d.deal.rejected_at ? 'rejected' : 'live')],
  ];
  return html`<div class="panel"><h2>Side by side</h2>${reasons.length ? html`<p><b>Why flagged:</b> ${reasons.join('; ')}</p>` : ''}
<table><tr><th>Field</th>${deals.map((d) => html`<th><a href="/deals/${d.deal.id}">Deal #${d.deal.id}</a>${d.deal.id === focusId ? html` <span class="pill">this item</span>` : ''}</th>`)}</tr>
${rows.map(([label, get]) => {
  const values = deals.map(get);
  const differ = new Set(values).size > 1;
  return html`<tr><th>${label}${differ ? html` <span class="pill warn">differs</span>` : ''}</th>${values.map((v) => html`<td>${v}</td>`)}</tr>`;
})}
<tr><th>Quote</th>${deals.map((d) => html`<td>${d.sources.find((x) => x.quote)?.quote ?? '—'}</td>`)}</tr>
<tr><th>Figures by source</th>${deals.map((d) => html`<td>${sourceFigureLines(d.sources)}</td>`)}</tr>
<tr><th></th>${deals.map((d) => {
    const other = deals.find((o) => o.deal.id !== d.deal.id && !o.deal.merged_into && !o.deal.rejected_at);
    return html`<td>${!d.deal.merged_into && !d.deal.rejected_at && other ? mergeButton(ctx, d.deal.id, other.deal.id, `Merge #${d.deal.id} into #${other.deal.id}`) : ''}</td>`;
  })}</tr></table></div>`;
}

/** Each source's own figures, one line per source, with its role and the disagreement flag. */
function sourceFigureLines(sources: ComparedDeal['sources']): Html {
  if (!sources.length) return html`—`;
  return html`${sources.map(
    (x) =>
      html`${x.publisher ?? new URL(x.url).host} <span class="pill">${x.role}</span>: ${moneyText(x.amount_value, x.amount_currency, x.amount_usd)}${x.valuation_value !== null ? ` · valued ${moneyText(x.valuation_value, x.valuation_currency, x.valuation_usd)}` : ''} · ${x.announced_on ?? 'no date'}${x.figures_disagree ? html` <span class="pill warn">disagree</span>` : ''}<br>`,
  )}`;
}

/** Results of a merge-target search for `from`, each with a merge button. */
export function mergeSearchPage(ctx: PageCtx, from: { id: number; company: string }, q: string, hits: DealSearchHit[]): Html {
  return layout(
    `Merge deal #${from.id}`,
    ctx,
    html`<h1>Merge deal <a href="/deals/${from.id}">#${from.id}</a> (${from.company}) into…</h1>
${mergeSearchForm(from.id, q)}
${
  hits.length
    ? html`<table><tr><th>#</th><th>Company</th><th>Round</th><th>Status</th><th>Amount</th><th>Country</th><th>Announced</th><th class="num">Sources</th><th></th></tr>
${hits.map(
  (
    h,
  ) => html`<tr><td><a href="/deals/${h.id}">${h.id}</a></td><td>${h.company_name}</td><td>${h.round.replace(/_/g, ' ')}</td><td>${statusPill(h.status)}</td>
<td>${money(h.amount_value, h.amount_currency, h.amount_usd)}</td><td>${h.country ?? ''}</td><td>${h.announced_on ?? ''}</td><td class="num">${h.source_count}</td>
<td>${mergeButton(ctx, from.id, h.id, 'Merge into this deal')}</td></tr>`,
)}</table>`
    : html`<p class="muted">No other live deal's company matches “${q}”.</p>`
}`,
  );
}

type SourceRow = ItemDetail['sources'][number];
type Figures = Pick<
  SourceRow,
  'amount_value' | 'amount_currency' | 'amount_usd' | 'valuation_value' | 'valuation_currency' | 'valuation_usd' | 'announced_on'
>;

/** A source's figure, marked when it differs from the deal's (a source that stated none shows —). */
function figureCell(mine: string | null, deals: string | null): Html {
  if (mine === null) return html`<td><span class="muted">—</span></td>`;
  return html`<td>${mine}${deals !== null && mine !== deals ? html` <span class="pill warn">≠</span>` : ''}</td>`;
}

/**
 * The sources of a deal, each with its role and the figures it stated beside the deal's own
 * (first row), with the disagreement flag; checkboxes when sources can be split off.
 */
function sourcesTable(sources: SourceRow[], opts: { select?: boolean; deal?: Figures } = {}): Html {
  if (!sources.length) return html`<p class="muted">No source articles linked.</p>`;
  const { select, deal } = opts;
  const amount = (f: Figures) => (f.amount_value === null ? null : moneyText(f.amount_value, f.amount_currency, f.amount_usd));
  const valuation = (f: Figures) =>
    f.valuation_value === null ? null : moneyText(f.valuation_value, f.valuation_currency, f.valuation_usd);
  return html`<table class="sources"><tr>${select ? html`<th></th>` : ''}<th>Article</th><th>Publisher</th><th>Published</th><th>Role</th><th>Amount</th><th>Valuation</th><th>Deal date</th><th>Figures</th><th>Quote</th></tr>
${deal ? html`<tr class="deal-figures">${select ? html`<td></td>` : ''}<td colspan="4"><b>The deal's figures</b></td><td>${amount(deal) ?? '—'}</td><td>${valuation(deal) ?? '—'}</td><td>${deal.announced_on ?? '—'}</td><td></td><td></td></tr>` : ''}
${sources.map(
  (
    s,
  ) => html`<tr>${select ? html`<td><input type="checkbox" name="article" value="${s.article_id}" aria-label="select article ${s.article_id}"></td>` : ''}
<td><a href="${s.url}" rel="noopener noreferrer">${s.title ?? s.url}</a></td><td>${s.publisher ?? ''}</td><td>${s.published_at ?? ''}</td><td><span class="pill">${s.role}</span></td>
${figureCell(amount(s), deal ? amount(deal) : null)}${figureCell(valuation(s), deal ? valuation(deal) : null)}${figureCell(s.announced_on, null)}
<td>${
    s.figures_disagree
      ? html`<span class="pill warn">disagree</span>`
      : s.amount_value !== null || s.valuation_value !== null
        ? html`<span class="pill ok">agree</span>`
        : html`<span class="muted">none stated</span>`
  }</td><td>${s.quote ?? ''}</td></tr>`,
)}</table>`;
}

/** Keyboard shortcuts (public/app.js clicks the element carrying data-key). */
export const APP_JS = `document.addEventListener('keydown', function (e) {
  if (e.metaKey || e.ctrlKey || e.altKey || (e.target.closest && e.target.closest('input,select,textarea,[contenteditable]'))) return;
  var el = document.querySelector('[data-key="' + e.key + '"]');
  if (!el) return;
  e.preventDefault();
  if (el.tagName === 'INPUT' || el.tagName === 'SELECT') el.focus(); else el.click();
});
`;

export function itemPage(
  ctx: PageCtx,
  d: ItemDetail,
  opts: { flash?: string; nextId?: number | null; compared?: ComparedDeal[]; companies?: ItemCompany[]; edit?: EditAttempt } = {},
): Html {
  const { flash, nextId = null, compared = [], companies = [], edit } = opts;
  const reasons = ((d.item.payload as { reasons?: unknown } | null)?.reasons ?? []) as unknown[];
  const { item, deal, company, article } = d;
  const open = item.status === 'open';
  const base = `/review/${item.id}`;
  const liveDeal = deal !== null && !deal.merged_into && !deal.rejected_at;
  // The item's company with its names and deals (first of `companies`), for merging and splitting it.
  const own = companies[0] && companies[0].company.id === company?.id && companies[0].company.merged_into === null ? companies[0] : null;
  return layout(
    `Item #${item.id}`,
    ctx,
    html`<h1>Review item #${item.id} <span class="pill">${item.kind}</span> <span class="pill">${item.status}</span></h1>
<p><b>Reason:</b> ${item.reason}</p>
${
  deal && company
    ? html`<div class="panel"><b>Deal <a href="/deals/${deal.id}">#${deal.id}</a>:</b> <a href="/companies/${company.id}">${company.name}</a> · ${deal.round} · ${deal.status} ·
${money(deal.amount_value, deal.amount_currency, deal.amount_usd)} · ${deal.country ?? company.country ?? '??'} · ${deal.announced_on ?? 'no date'}
${deal.merged_into ? html` · <b>merged into #${deal.merged_into}</b>` : ''}${deal.rejected_at ? html` · <b>rejected</b>` : ''}
<br><span class="muted">Investors:</span> ${d.investors.map(investorLine).join(', ')}</div>`
    : html`<p class="muted">No deal attached.</p>`
}
${
  open
    ? html`<div class="actions">
<form method="post" action="${base}/approve">${hidden(ctx)}<button class="approve" data-key="a">Approve <kbd>a</kbd></button></form>
<form method="post" action="${base}/reject">${hidden(ctx)}<button class="reject" data-key="r">Reject deal <kbd>r</kbd></button></form>
</div>
${liveDeal ? mergeSearchForm(deal.id, company?.name ?? '') : ''}
${own ? companyMergeSearchForm(own.company.id, '', item.id) : ''}`
    : html`<p class="flash">Resolved by ${item.resolved_by ?? '?'} at ${item.resolved_at ?? ''}.</p>`
}
<p class="muted">${nextId ? html`<a href="/review/${nextId}" data-key="n">Next open item →</a> <kbd>n</kbd> · ` : html`No other open items · `}<a href="/review" data-key="q">Back to the queue</a> <kbd>q</kbd>${open ? html` · approve <kbd>a</kbd> · reject <kbd>r</kbd>` : ''}</p>
${comparePanel(
  ctx,
  compared,
  deal?.id ?? null,
  reasons.filter((r): r is string => typeof r === 'string'),
)}
${itemCompaniesPanel(ctx, companies, item.id)}
<h2>Evidence quotes</h2>${d.quotes.length ? html`<ul>${d.quotes.map((q) => html`<li><span class="pill">${q.field}</span> ${q.quote}</li>`)}</ul>` : html`<p class="muted">None.</p>`}
${
  article
    ? html`<h2>Article: <a href="${article.url}" rel="noopener noreferrer">${article.title ?? article.url}</a></h2><div class="article">${highlight(
        article.text ?? '',
        d.quotes.map((q) => q.quote),
      )}</div>`
    : ''
}
${deal && !deal.merged_into && !deal.rejected_at ? editForm(ctx, deal.id, edit?.values ?? editValuesOf(deal, company?.name ?? '', d.investors), `${base}/edit`, edit?.error) : ''}
${
  deal
    ? html`<h2>Sources</h2><form method="post" action="${base}/split">${hidden(ctx)}${sourcesTable(d.sources, { select: liveDeal, deal })}
${liveDeal && d.sources.length > 1 ? html`<p><button>Split selected sources into a new deal</button></p>` : ''}</form>`
    : ''
}
${own ? html`<details><summary>Split company ${own.company.name}</summary>${companySplitForm(ctx, own.company, own.aliases, own.deals, item.id)}</details>` : ''}`,
    flash,
  );
}

export function dealsPage(ctx: PageCtx, deals: DealsCleanView[], nextCursor: string | null, query: string): Html {
  return layout(
    'Deals',
    ctx,
    html`<h1>Deals</h1>
<form method="get" action="/deals" class="actions"><label>Company <input name="company"></label><label>Round <select name="round"><option value="">any</option>${options(ROUNDS, null)}</select></label>
<label>Country <input name="country" size="3"></label><label>Since <input type="date" name="since"></label><button>Filter</button></form>
<p></p>${dealsTable(deals)}${nextCursor ? html`<p><a href="/deals?${query}${query ? '&' : ''}cursor=${nextCursor}">Next page →</a></p>` : ''}`,
  );
}

/** Where the USD figure came from: the rate, its date and its source. */
function fxLine(d: {
  amount_currency: string | null;
  amount_usd: number | null;
  fx_rate: number | null;
  fx_date: string | null;
  fx_source: string | null;
}): Html {
  if (d.amount_usd === null || !d.amount_currency || d.amount_currency === 'USD') return html``;
  if (d.fx_rate === null) return html`<p class="muted">USD conversion: rate not recorded.</p>`;
  return html`<p class="muted">USD conversion: 1 ${d.amount_currency} = ${Number(d.fx_rate).toPrecision(6)} USD on ${d.fx_date ?? '?'} (source: ${d.fx_source ?? '?'}).</p>`;
}

export function dealPage(ctx: PageCtx, d: DealDetail, opts: { flash?: string; edit?: EditAttempt } = {}): Html {
  const { flash, edit } = opts;
  const { deal, company } = d;
  const live = !deal.merged_into && !deal.rejected_at;
  return layout(
    `Deal #${deal.id}`,
    ctx,
    html`<h1>Deal #${deal.id}: <a href="/companies/${company.id}">${company.name}</a> ${deal.merged_into ? html`<span class="pill">merged into <a href="/deals/${deal.merged_into}">#${deal.merged_into}</a></span>` : ''}${deal.rejected_at ? html`<span class="pill">rejected</span>` : ''}</h1>
<table><tr><th>Round</th><th>Status</th><th>Amount</th><th>Valuation</th><th>Country</th><th>Region</th><th>Announced</th><th>Confidence</th><th>Review</th></tr>
<tr><td>${deal.round.replace(/_/g, ' ')}</td><td>${statusPill(deal.status)}</td><td>${money(deal.amount_value, deal.amount_currency, deal.amount_usd)}</td><td>${money(deal.valuation_value, deal.valuation_currency, deal.valuation_usd)}</td>
<td>${deal.country ?? company.country ?? ''}</td><td>${deal.region ?? company.region ?? ''}</td><td>${deal.announced_on ?? ''}</td><td>${deal.confidence.toFixed(2)}</td><td>${reviewPill(deal.needs_review)}</td></tr></table>
${fxLine(deal)}
<h2>Investors</h2>${d.investors.length ? html`<ul>${d.investors.map((i) => html`<li>${i.name}${i.lead ? html` <span class="pill">lead</span>` : ''}</li>`)}</ul>` : html`<p class="muted">None recorded.</p>`}
<h2>Sources</h2><form method="post" action="/deals/${deal.id}/split">${hidden(ctx)}${sourcesTable(d.sources, { select: live && d.sources.length > 1, deal })}
${live && d.sources.length > 1 ? html`<p><button>Split selected sources into a new deal</button></p>` : ''}</form>
<h2>Review items</h2>${d.items.length ? html`<ul>${d.items.map((i) => html`<li><a href="/review/${i.id}">#${i.id}</a> ${i.kind} · ${i.status} ${i.resolved_by ? html`by ${i.resolved_by}` : ''} — ${i.reason}</li>`)}</ul>` : html`<p class="muted">None.</p>`}
${live ? mergeSearchForm(deal.id, company.name) : ''}
${company.merged_into === null ? companyMergeSearchForm(company.id) : ''}
${live ? editForm(ctx, deal.id, edit?.values ?? editValuesOf(deal, company.name, d.investors), `/deals/${deal.id}/edit`, edit?.error) : ''}
<h2>History</h2>${
      d.history.length
        ? html`<table><tr><th>When</th><th>Actor</th><th>Change</th></tr>${d.history.map((h) => html`<tr><td>${h.created_at}</td><td>${h.actor}</td><td>${changeList(h.change)}</td></tr>`)}</table>`
        : html`<p class="muted">No changes since the deal was created.</p>`
    }
<h2>Audit</h2>${auditTable(d.audit)}`,
    flash,
  );
}

export function auditPage(ctx: PageCtx, rows: Selectable<AuditLogTable>[]): Html {
  return layout('Audit', ctx, html`<h1>Audit log</h1>${auditTable(rows)}`);
}
