import { describe, expect, it } from 'vitest';
import { planInvestorKeys } from '../../src/dedupe/investor-keys.js';
import { investorKey } from '../../src/normalise/company.js';

const inv = (id: number, name: string, name_key: string) => ({ id, name, name_key });

describe('planInvestorKeys', () => {
  it('re-keys a lone stale row and leaves current rows alone', () => {
    const plan = planInvestorKeys([inv(4, 'Kirin Growth K.K.', 'kirin growth kk'), inv(5, 'Orla Fund', 'orla fund')], investorKey);
    expect(plan).toEqual({ updates: [{ id: 4, key: 'kirin growth' }], merges: [], unkeyable: [] });
  });

  it('merges rows that now share a key into the row already stored under it', () => {
    const holder = inv(9, 'Veltra Capital', 'veltra capital');
    const stale = inv(3, 'Veltra Capital s.r.o.', 'veltra capital sro');
    const plan = planInvestorKeys([stale, holder], investorKey);
    expect(plan.updates).toEqual([]);
    expect(plan.merges).toEqual([{ key: 'veltra capital', into: holder, from: [stale] }]);
  });

  it('without a holder of the key, the oldest row survives and takes it', () => {
    const a = inv(12, 'Corvid Capital Pte. Ltd.', 'corvid capital pte ltd');
    const b = inv(7, 'Corvid Capital Pte.', 'corvid capital pte');
    const plan = planInvestorKeys([a, b], investorKey);
    expect(plan.updates).toEqual([{ id: 7, key: 'corvid capital' }]);
    expect(plan.merges).toEqual([{ key: 'corvid capital', into: b, from: [a] }]);
  });

  it('moves keys that were swapped (a cycle) without merging, and keeps a name with no key under its stored key', () => {
    const plan = planInvestorKeys(
      [inv(1, 'Arden Seed', 'arden growth'), inv(2, 'Arden Growth', 'arden seed'), inv(3, '***', 'star fund')],
      investorKey,
    );
    expect(plan.updates).toEqual([
      { id: 1, key: 'arden seed' },
      { id: 2, key: 'arden growth' },
    ]);
    expect(plan.merges).toEqual([]);
    expect(plan.unkeyable).toEqual([inv(3, '***', 'star fund')]);
  });
});
