import { companyKey, investorKey, looseKey, nameSkeleton } from '../../src/normalise/company.js';

/**
 * The KEYS_VERSION guard (tests/normalise/keys-version.test.ts): the key functions' outputs on fixed
 * sample names, stored with the KEYS_VERSION they were taken at. Outputs that change under the
 * same version mean stored keys would silently stop matching, so the check fails and says what to do.
 */

export interface KeyOutputs {
  companyKey: string;
  investorKey: string;
  looseKey: string;
  nameSkeleton: string;
}

export interface KeysSnapshot {
  keysVersion: number;
  outputs: Record<string, KeyOutputs>;
}

export type KeyFunctions = Record<keyof KeyOutputs, (name: string) => string>;

export const CURRENT_KEY_FUNCTIONS: KeyFunctions = { companyKey, investorKey, looseKey, nameSkeleton };

export function keyOutputs(names: readonly string[], fns: KeyFunctions = CURRENT_KEY_FUNCTIONS): Record<string, KeyOutputs> {
  return Object.fromEntries(
    names.map((n) => [
      n,
      { companyKey: fns.companyKey(n), investorKey: fns.investorKey(n), looseKey: fns.looseKey(n), nameSkeleton: fns.nameSkeleton(n) },
    ]),
  );
}

export type Verdict =
  | { ok: true }
  | { ok: false; message: string /** UPDATE_KEYS_SNAPSHOT=1 may rewrite the snapshot. */; canUpdate: boolean };

const REGENERATE = 'UPDATE_KEYS_SNAPSHOT=1 npx vitest run tests/normalise/keys-version.test.ts';

export function checkKeysSnapshot(snapshot: KeysSnapshot | null, current: Record<string, KeyOutputs>, keysVersion: number): Verdict {
  if (snapshot === null) return { ok: false, canUpdate: true, message: `No key snapshot yet: create it with ${REGENERATE}` };
  const changed = Object.keys(current).filter(
    (n) => snapshot.outputs[n] !== undefined && JSON.stringify(snapshot.outputs[n]) !== JSON.stringify(current[n]),
  );
  const listed =
    Object.keys(current).length !== Object.keys(snapshot.outputs).length || Object.keys(current).some((n) => !(n in snapshot.outputs));
  const diff = changed
    .slice(0, 10)
    .map((n) => `  ${JSON.stringify(n)}: ${JSON.stringify(snapshot.outputs[n])} -> ${JSON.stringify(current[n])}`)
    .join('\n');
  if (keysVersion < snapshot.keysVersion)
    return {
      ok: false,
      canUpdate: false,
      message: `KEYS_VERSION went back from ${snapshot.keysVersion} to ${keysVersion}: versions only grow (databases record the last one applied).`,
    };
  if (changed.length > 0 && keysVersion === snapshot.keysVersion)
    return {
      ok: false,
      canUpdate: false,
      message:
        `The key functions' output changed for ${changed.length} sample name(s), but KEYS_VERSION is still ${keysVersion}:\n${diff}\n` +
        `Stored keys (company_aliases, companies.name_key, investors.name_key) were computed with the old output and would ` +
        `silently stop matching. Bump KEYS_VERSION in src/normalise/company.ts to ${keysVersion + 1} (the next startup re-keys ` +
        `stored rows), then regenerate the snapshot with ${REGENERATE}. If the change is unintended, fix the key function instead.`,
    };
  if (keysVersion !== snapshot.keysVersion)
    return {
      ok: false,
      canUpdate: true,
      message:
        `KEYS_VERSION is ${keysVersion} but the key snapshot was taken at ${snapshot.keysVersion}: regenerate it with ${REGENERATE}` +
        (changed.length === 0 ? ' (no sample name shows the change: add one that does).' : '.'),
    };
  if (listed)
    return { ok: false, canUpdate: true, message: `The sample names differ from the snapshot's: regenerate it with ${REGENERATE}.` };
  return { ok: true };
}
