// Plain-text pieces shared by the terminal review loop and the `dealflow review` subcommands.

/** A figure as the terminal writes it: "EUR 14,000,000", or "—" when there is none. */
export function money(v: number | null, c: string | null): string {
  return v === null ? '—' : `${c} ${v.toLocaleString('en-US')}`;
}
