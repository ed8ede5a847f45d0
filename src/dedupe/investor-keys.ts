/**
 * Re-keying investors (src/pipeline/rekey.ts): investors are one row per name key (unique), so
 * when the key function changes, rows whose names now share a key are the same investor and merge.
 * Pure: given the stored rows involved (those whose key changes and those holding the keys they
 * move to), says which rows take which key and which merge into which.
 */

export interface StoredInvestor {
  id: number;
  name: string;
  name_key: string;
}

export interface InvestorMerge {
  key: string;
  into: StoredInvestor;
  from: StoredInvestor[];
}

export interface InvestorKeyPlan {
  /** Rows that keep existing under a new key (a merge's survivor included when its key changes). */
  updates: Array<{ id: number; key: string }>;
  merges: InvestorMerge[];
  /** Names the current function gives no key (no letters or digits): left under their stored key. */
  unkeyable: StoredInvestor[];
}

/**
 * Group the rows by their current key. In a group of several, the row already stored under that
 * key survives (its links are the ones new articles already find), else the oldest (lowest id).
 */
export function planInvestorKeys(rows: readonly StoredInvestor[], keyOf: (name: string) => string): InvestorKeyPlan {
  const unkeyable: StoredInvestor[] = [];
  const groups = new Map<string, StoredInvestor[]>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    let key = keyOf(row.name);
    if (!key) {
      unkeyable.push(row);
      key = row.name_key;
    }
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const updates: InvestorKeyPlan['updates'] = [];
  const merges: InvestorMerge[] = [];
  for (const [key, group] of groups) {
    const into = group.find((r) => r.name_key === key) ?? group[0]!;
    if (into.name_key !== key) updates.push({ id: into.id, key });
    const from = group.filter((r) => r !== into);
    if (from.length > 0) merges.push({ key, into, from });
  }
  return { updates, merges, unkeyable };
}
