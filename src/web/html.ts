// Escape-by-default HTML: every interpolation is escaped unless it is already Html (from html`` or raw()).

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Mark trusted markup; never pass user or article data here. */
export function raw(s: string): Html {
  return new Html(s);
}

function render(v: unknown): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v instanceof Date) return escapeHtml(v.toISOString().replace('T', ' ').slice(0, 19));
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/**
 * Article text with each quote wrapped in <mark>. Matches are found on the raw text
 * (case-insensitive), then every segment is escaped, so only our <mark> tags are markup.
 */
export function highlight(text: string, quotes: string[]): Html {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const q of quotes) {
    const needle = q.trim().toLowerCase();
    if (!needle) continue;
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) ranges.push([at, at + needle.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [start, end] of ranges) {
    if (end <= pos) continue;
    const from = Math.max(start, pos);
    out += `${escapeHtml(text.slice(pos, from))}<mark>${escapeHtml(text.slice(from, end))}</mark>`;
    pos = end;
  }
  return new Html(out + escapeHtml(text.slice(pos)));
}
