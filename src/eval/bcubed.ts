/**
 * B-cubed precision and recall of a clustering (Bagga & Baldwin 1998): per item, precision is the
 * share of its predicted cluster that shares its gold cluster, recall the share of its gold
 * cluster that shares its predicted cluster; both are averaged over items. A merge of two gold
 * clusters costs precision, a split costs recall, and neither depends on how clusters are named.
 */

export interface ClusteredItem {
  /** Gold cluster id. */
  gold: string;
  /** Predicted cluster id; null puts the item in a cluster of its own. */
  predicted: string | null;
}

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
  /** Items averaged over. */
  items: number;
}

export function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/**
 * Scores `items`; with `among`, averages only over the items it keeps (the clusters are still
 * those of all items, so a merge with an item outside the subset still costs precision).
 */
export function bcubed(items: readonly ClusteredItem[], among: (item: ClusteredItem, index: number) => boolean = () => true): BCubed {
  const predictedOf = (item: ClusteredItem, i: number) => (item.predicted === null ? `\u0000singleton:${i}` : `p:${item.predicted}`);
  const goldSize = new Map<string, number>();
  const predictedSize = new Map<string, number>();
  const bothSize = new Map<string, number>();
  items.forEach((item, i) => {
    const p = predictedOf(item, i);
    goldSize.set(item.gold, (goldSize.get(item.gold) ?? 0) + 1);
    predictedSize.set(p, (predictedSize.get(p) ?? 0) + 1);
    const both = `${item.gold}\u0000${p}`;
    bothSize.set(both, (bothSize.get(both) ?? 0) + 1);
  });
  let precision = 0;
  let recall = 0;
  let n = 0;
  items.forEach((item, i) => {
    if (!among(item, i)) return;
    const p = predictedOf(item, i);
    const both = bothSize.get(`${item.gold}\u0000${p}`)!;
    precision += both / predictedSize.get(p)!;
    recall += both / goldSize.get(item.gold)!;
    n++;
  });
  if (n === 0) return { precision: 1, recall: 1, f1: 1, items: 0 };
  return { precision: precision / n, recall: recall / n, f1: f1(precision / n, recall / n), items: n };
}
