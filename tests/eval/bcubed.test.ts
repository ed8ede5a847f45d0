import { describe, expect, it } from 'vitest';
import { bcubed, type ClusteredItem } from '../../src/eval/bcubed.js';

const items = (gold: string, predicted: (string | null)[]): ClusteredItem[] =>
  [...gold].map((g, i) => ({ gold: g, predicted: predicted[i]! }));

describe('bcubed', () => {
  it('scores a perfect clustering 1 whatever the predicted ids are called', () => {
    expect(bcubed(items('aab', ['x', 'x', 'y']))).toEqual({ precision: 1, recall: 1, f1: 1, items: 3 });
  });

  it('charges a merge to precision only', () => {
    const s = bcubed(items('aabb', ['1', '1', '1', '1']));
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(1);
    expect(s.f1).toBeCloseTo(2 / 3, 10);
  });

  it('charges a split to recall only; unclustered items are singletons, not one cluster', () => {
    const s = bcubed(items('aab', [null, null, null]));
    expect(s.precision).toBe(1);
    expect(s.recall).toBeCloseTo(2 / 3, 10);
  });

  it('matches the worked example: five a and two b, one a put with the b', () => {
    // Cluster 1 = four a; cluster 2 = one a and two b.
    const s = bcubed(items('aaaaabb', ['1', '1', '1', '1', '2', '2', '2']));
    expect(s.precision).toBeCloseTo((4 + 1 / 3 + 2 * (2 / 3)) / 7, 10); // 17/21
    expect(s.recall).toBeCloseTo((4 * (4 / 5) + 1 / 5 + 2) / 7, 10); // 27/35
  });

  it('averages over a subset while keeping the whole clustering', () => {
    // b is merged with a: averaged over the b items alone, precision still sees the a items.
    const all = items('aab', ['1', '1', '1']);
    const onlyB = bcubed(all, (item) => item.gold === 'b');
    expect(onlyB.items).toBe(1);
    expect(onlyB.precision).toBeCloseTo(1 / 3, 10);
    expect(onlyB.recall).toBe(1);
    expect(bcubed(all, () => false)).toEqual({ precision: 1, recall: 1, f1: 1, items: 0 });
  });
});
