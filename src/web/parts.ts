import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../db/types.js';
import { formatUsd } from './charts.js';
import { html, type Html } from './html.js';

// What every page is built from: the layout, money, pills, hidden CSRF field, change lists and the
// audit table (views.ts and company-views.ts compose pages of them).

export interface PageCtx {
  user: string;
  csrf: string;
}

export function layout(title: string, ctx: PageCtx | null, body: Html, flash?: string): Html {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · dealflow</title><link rel="stylesheet" href="/assets/app.css"><script src="/assets/app.js" defer></script></head>
<body><header><a class="brand" href="/">dealflow</a>${
    ctx
      ? html`<a href="/review">Review</a><a href="/deals">Deals</a><a href="/companies">Companies</a><a href="/audit">Audit</a><a href="/admin/queues">Queues</a>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button>Log out ${ctx.user}</button></form>`
      : ''
  }</header>
<main>${flash ? html`<p class="flash">${flash}</p>` : ''}${body}</main></body></html>`;
}

/** A figure as written in the lists ("EUR 14,000,000") and its USD equivalent when converted ("≈ $14.9M"). */
export function moneyParts(v: number, cur: string | null, usd?: number | null): { amount: string; usd: string | null } {
  return {
    amount: `${cur ?? ''} ${v.toLocaleString('en-US')}`,
    usd: usd !== undefined && usd !== null && cur !== 'USD' ? `≈ ${formatUsd(usd)}` : null,
  };
}

export function money(v: number | null, cur: string | null, usd?: number | null): Html {
  if (v === null) return html`<span class="muted">—</span>`;
  const p = moneyParts(v, cur, usd);
  return html`${p.amount}${p.usd ? html` <span class="muted">(${p.usd})</span>` : ''}`;
}

/** The same as plain text, for comparison tables. */
export function moneyText(v: number | null, cur: string | null, usd?: number | null): string {
  if (v === null) return '—';
  const p = moneyParts(v, cur, usd);
  return p.usd ? `${p.amount} (${p.usd})` : p.amount;
}

/** An investor as the edit form and the tables write it: "Name (lead)". */
export function investorLine(i: { name: string; lead: boolean }): string {
  return `${i.name}${i.lead ? ' (lead)' : ''}`;
}

export function statusPill(status: string): Html {
  return html`<span class="pill ${status}">${status.replace(/_/g, ' ')}</span>`;
}

export function reviewPill(needsReview: boolean): Html {
  return needsReview ? html`<span class="pill warn">needs review</span>` : html`<span class="pill ok">ok</span>`;
}

/** A deal_history change or audit detail as "field: old → new" lines (other keys as "key: value"). */
export function changeList(v: unknown): Html {
  if (!v || typeof v !== 'object') return html`<span class="muted">${v === null || v === undefined ? '—' : String(v)}</span>`;
  const o = v as Record<string, unknown>;
  const show = (x: unknown) => (x === null || x === undefined ? '∅' : typeof x === 'object' ? JSON.stringify(x) : String(x));
  const lines: Html[] = [];
  const fields = o.fields as Record<string, { from?: unknown; to?: unknown }> | undefined;
  const before = (o.before ?? {}) as Record<string, unknown>;
  const after = (o.after ?? {}) as Record<string, unknown>;
  const pairs: Array<[string, unknown, unknown]> =
    fields && typeof fields === 'object'
      ? Object.entries(fields).map(([k, c]) => [k, c?.from, c?.to])
      : [...new Set([...Object.keys(before), ...Object.keys(after)])].map((k) => [k, before[k], after[k]]);
  for (const [k, from, to] of pairs)
    lines.push(html`<li><b>${k}</b>: <span class="old">${show(from)}</span> → <span class="new">${show(to)}</span></li>`);
  for (const [k, x] of Object.entries(o)) {
    if (k === 'fields' || k === 'before' || k === 'after') continue;
    lines.push(html`<li>${k}: ${show(x)}</li>`);
  }
  return lines.length ? html`<ul class="changes">${lines}</ul>` : html`<span class="muted">—</span>`;
}

export function hidden(ctx: PageCtx): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}

export function options(values: readonly string[], selected: string | null): Html[] {
  return values.map((v) => html`<option value="${v}"${v === selected ? html` selected` : ''}>${v}</option>`);
}

export function auditTable(rows: Selectable<AuditLogTable>[]): Html {
  if (!rows.length) return html`<p class="muted">No operator actions recorded yet.</p>`;
  return html`<table><tr><th>When</th><th>Actor</th><th>Action</th><th>Target</th><th>Detail</th></tr>
${rows.map((a) => html`<tr><td>${a.created_at}</td><td>${a.actor}</td><td>${a.action}</td><td>${a.target_type} #${a.target_id ?? ''}</td><td>${changeList(a.detail)}</td></tr>`)}</table>`;
}
