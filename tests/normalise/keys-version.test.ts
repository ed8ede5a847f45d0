import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { companyKey, KEYS_VERSION } from '../../src/normalise/company.js';
import { CURRENT_KEY_FUNCTIONS, checkKeysSnapshot, keyOutputs, type KeysSnapshot } from '../helpers/keys-snapshot.js';

// Fictional names covering what the key functions read: legal forms (dotted, undotted, multi-word),
// generic suffixes, romanisation variants, accents, ampersands, digits, spacing.
const SAMPLE_NAMES = [
  'Veltra Capital',
  'Veltra Capital s.r.o.',
  'Orbisk Labs GmbH',
  'Haneul Robotics',
  'Ha-neul Robotics',
  'Hanul Robotics Co., Ltd.',
  'Bomnal Biosciences',
  'BomNal Bio',
  'Paysa Technologies Inc.',
  'Kirin Data K.K.',
  'Selasih Sdn Bhd',
  'Selasih Sdn. Bhd.',
  'Mürren & Söhne AG',
  'Fjordlys AS',
  'Fjordlys ASA',
  'Nordvik Oyj',
  'Tinta Ltda.',
  'Coração Pagamentos Lda',
  'Zwaluw B.V.',
  'Acacia Grove Pty Ltd',
  'Meridale Seed Fund LP',
  'Quokka Phoenix Partners LLP',
  'Newco 11',
  'Newco 1',
  'Brookside & Co.',
  'Lumen AI',
  'Platform Nine',
  'Sørlys Energi',
  'Cactus HQ',
  'Kappa io',
  'Yooneun Foods',
  'Yeonhui Pharma',
  'Grabbo SpA',
  'Oakline Therapeutics plc',
  'Tuktok Mobility Pvt. Ltd.',
  'Quercus Ventures S.L.',
  'Pražský Kód a.s.',
  '  Spaced   Out  Studio ',
  'Q',
  'Æon Works GmbH & Co. KG',
];

const SNAPSHOT = fileURLToPath(new URL('./keys-snapshot.json', import.meta.url));

describe('KEYS_VERSION guard', () => {
  it('KEYS_VERSION is bumped whenever the key functions change their output', () => {
    const current = keyOutputs(SAMPLE_NAMES);
    const stored = existsSync(SNAPSHOT) ? (JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as KeysSnapshot) : null;
    const verdict = checkKeysSnapshot(stored, current, KEYS_VERSION);
    if (!verdict.ok && verdict.canUpdate && process.env.UPDATE_KEYS_SNAPSHOT === '1') {
      writeFileSync(SNAPSHOT, `${JSON.stringify({ keysVersion: KEYS_VERSION, outputs: current } satisfies KeysSnapshot, null, 2)}\n`);
      return;
    }
    if (!verdict.ok) expect.fail(verdict.message);
  });

  // The guard itself, on outputs of a changed key function (one that also drops "Capital").
  const changedKey = (n: string) => companyKey(n).replace(/ capital$/, '');
  const changedFns = { ...CURRENT_KEY_FUNCTIONS, companyKey: changedKey, investorKey: changedKey };
  const names = ['Veltra Capital', 'Orbisk Labs GmbH'];
  const snapshot: KeysSnapshot = { keysVersion: 3, outputs: keyOutputs(names) };

  it('passes when the outputs and the version are those of the snapshot', () => {
    expect(checkKeysSnapshot(snapshot, keyOutputs(names), 3)).toEqual({ ok: true });
  });

  it('fails when the outputs change under the same version, naming the name and telling the developer to bump', () => {
    const verdict = checkKeysSnapshot(snapshot, keyOutputs(names, changedFns), 3);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.canUpdate).toBe(false);
    expect(verdict.message).toContain('"Veltra Capital"');
    expect(verdict.message).not.toContain('"Orbisk Labs GmbH"');
    expect(verdict.message).toMatch(/Bump KEYS_VERSION in src\/normalise\/company\.ts to 4/);
    expect(verdict.message).toContain('UPDATE_KEYS_SNAPSHOT=1');
  });

  it('after the bump, asks only for the snapshot to be regenerated', () => {
    const verdict = checkKeysSnapshot(snapshot, keyOutputs(names, changedFns), 4);
    expect(verdict).toMatchObject({ ok: false, canUpdate: true });
    if (!verdict.ok) expect(verdict.message).toMatch(/KEYS_VERSION is 4 but the key snapshot was taken at 3: regenerate/);
  });

  it('refuses a version that goes back, and asks for a snapshot when there is none or the sample list changed', () => {
    expect(checkKeysSnapshot(snapshot, keyOutputs(names), 2)).toMatchObject({ ok: false, canUpdate: false });
    expect(checkKeysSnapshot(null, keyOutputs(names), 3)).toMatchObject({ ok: false, canUpdate: true });
    expect(checkKeysSnapshot(snapshot, keyOutputs([...names, 'Newco 1']), 3)).toMatchObject({ ok: false, canUpdate: true });
  });
});
