import { html, type Html } from './html.js';

// Server-rendered SVG charts: no script, no inline CSS (the CSP allows neither), presentation
// attributes only. Every label goes through html`` and is escaped.

const PALETTE = ['#3b6fd8', '#e08a2e', '#2e9e6a', '#c0392b', '#8e5cc7', '#1aa3b8', '#b5892e', '#6b7385', '#d45d9b', '#4b8b3b'];

export interface StackedSeries {
  /** X-axis categories in order (e.g. week starts). */
  categories: string[];
  /** One value per category for each group. */
  groups: Array<{ name: string; values: number[] }>;
}

/** USD in a short human form: $14.9M, $1.2B, $850K, $0. */
export function formatUsd(n: number): string {
  const abs = Math.abs(n);
  const [div, suffix] = abs >= 1e12 ? [1e12, 'T'] : abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'K'] : [1, ''];
  const v = n / div;
  const digits = suffix === '' || Math.abs(v) >= 100 ? 0 : 1;
  return `$${v.toFixed(digits).replace(/\.0$/, '')}${suffix}`;
}

/** A stacked bar chart with a legend; `format` renders values on the axis and in tooltips. */
export function stackedBars(title: string, data: StackedSeries, format: (n: number) => string = String): Html {
  const W = 520;
  const H = 220;
  const pad = { l: 56, r: 8, t: 10, b: 34 };
  const totals = data.categories.map((_, i) => data.groups.reduce((s, g) => s + (g.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotW = W - pad.l - pad.r;
  const plotH = H - pad.t - pad.b;
  const slot = plotW / Math.max(1, data.categories.length);
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => pad.t + plotH - (v / max) * plotH;
  const bars = data.categories.map((cat, i) => {
    let base = 0;
    return data.groups.map((g, gi) => {
      const v = g.values[i] ?? 0;
      if (v <= 0) return '';
      const top = y(base + v);
      const h = y(base) - top;
      base += v;
      const x = pad.l + i * slot + (slot - barW) / 2;
      return html`<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(0.5, h).toFixed(1)}" fill="${PALETTE[gi % PALETTE.length]}"><title>${cat} · ${g.name}: ${format(v)}</title></rect>`;
    });
  });
  const ticks = [0, 0.5, 1].map(
    (
      f,
    ) => html`<text x="${pad.l - 6}" y="${(y(max * f) + 4).toFixed(1)}" text-anchor="end" font-size="10" fill="#6b7385">${format(max * f)}</text>
<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(max * f).toFixed(1)}" y2="${y(max * f).toFixed(1)}" stroke="#eceef2"/>`,
  );
  const every = Math.ceil(data.categories.length / 6);
  const labels = data.categories.map((cat, i) =>
    i % every === 0
      ? html`<text x="${(pad.l + i * slot + slot / 2).toFixed(1)}" y="${H - pad.b + 14}" text-anchor="middle" font-size="10" fill="#6b7385">${cat.slice(5)}</text>`
      : '',
  );
  const legend = data.groups.map(
    (g, gi) =>
      html`<span class="legend"><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${PALETTE[gi % PALETTE.length]}"/></svg> ${g.name.replace(/_/g, ' ')}</span>`,
  );
  return html`<figure class="chart"><figcaption>${title}</figcaption>
<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${title}">${ticks}${bars}${labels}</svg>
<div class="legends">${data.groups.length ? legend : html`<span class="muted">No deals in this period.</span>`}</div></figure>`;
}

/** Pivot weekly rows into a stacked series over the given weeks (missing weeks are zero). */
export function pivotWeeks(
  weeks: string[],
  rows: Array<{ week: string; group: string } & Record<'deals' | 'usd', number>>,
  measure: 'deals' | 'usd',
  maxGroups = 8,
): StackedSeries {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.group, (totals.get(r.group) ?? 0) + r[measure]);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([g]) => g);
  const kept = new Set(ranked.slice(0, maxGroups - 1));
  const other = ranked.length > maxGroups - 1 ? 'other' : null;
  const index = new Map(weeks.map((w, i) => [w, i]));
  const groups = new Map<string, number[]>();
  for (const g of [...kept, ...(other ? [other] : [])])
    groups.set(
      g,
      weeks.map(() => 0),
    );
  for (const r of rows) {
    const i = index.get(r.week);
    if (i === undefined) continue;
    const g = kept.has(r.group) ? r.group : other;
    if (g) groups.get(g)![i]! += r[measure];
  }
  return { categories: weeks, groups: [...groups.entries()].map(([name, values]) => ({ name, values })) };
}

/** Mondays of the `count` weeks ending with the week of `until` (YYYY-MM-DD), oldest first. */
export function weekStarts(until: string, count: number): string[] {
  const d = new Date(`${until}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  return Array.from({ length: count }, (_, i) => new Date(monday.getTime() - (count - 1 - i) * 7 * 86_400_000).toISOString().slice(0, 10));
}
