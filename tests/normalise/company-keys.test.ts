import { describe, expect, it } from 'vitest';
import { keysOf, resolveCompany } from '../../src/dedupe/company.js';

const known = (name: string, country: string | null = null) => {
  const k = keysOf(name);
  return { ref: name, country, aliases: [{ name, name_key: k.key, loose_key: k.loose }] };
};
const resolve = (name: string, stored: string, dealAgrees = false) => resolveCompany(name, null, [known(stored)], () => dealAgrees);

describe('company keys: spellings of one name', () => {
  it.each([
    ['Søren Robotics', 'Soren Robotics'],
    ['Brøndby Æble Foods', 'Brondby Aeble Foods'],
    ['Straße Mobility', 'Strasse Mobility'],
    ['Łódź Analytics', 'Lodz Analytics'],
  ])('folds letters NFD keeps whole: %s = %s (exact key)', (a, b) => {
    expect(keysOf(a).key).toBe(keysOf(b).key);
    expect(resolve(a, b)).toEqual({ kind: 'existing', ref: b, via: 'exact' });
  });

  it.each([
    ['Vexel.ai', 'Vexel'],
    ['Mondo.io', 'Mondo'],
    ['The Gardenly Company', 'Gardenly'],
    ['The Larkspur Company', 'Larkspur Labs'],
  ])('matches %s with %s on the loose key; the names as written stay distinct keys', (a, b) => {
    expect(keysOf(a).key).not.toBe(keysOf(b).key);
    expect(resolve(a, b)).toEqual({ kind: 'existing', ref: b, via: 'loose' });
  });

  it.each([
    ['Acme Holdings', 'Acme'],
    ['HealthBridge Group', 'HealthBridge'],
    ['Co.Design', 'Co'],
  ])('keeps %s apart from %s: a parent company or a different name', (a, b) => {
    expect(keysOf(a).loose).not.toBe(keysOf(b).loose);
    expect(resolve(a, b).kind).toBe('new');
  });

  it('does not strip a name down to nothing: "The Company" and "Company.io" keep a key', () => {
    expect(keysOf('The Company').loose).not.toBe('');
    expect(keysOf('Company.io').loose).not.toBe('');
  });
});
