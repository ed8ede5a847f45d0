import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';

// Listed explicitly (not read from disk) so the same list works from TypeScript sources and dist/.
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
};
