import type { Command } from 'commander';
import { createApp } from '../../app.js';
import { positiveInt, printJson } from '../io.js';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations and re-key stored names when the key functions changed (both also run at startup)')
    .option('--rekey', 'recompute every stored company and investor name key now, whatever key version the database records', false)
    .option('--batch-size <n>', 'rows per re-key transaction', positiveInt)
    .option('--json', 'print the re-key report as JSON', false)
    .action(async (o: { rekey: boolean; batchSize?: number; json: boolean }) => {
      const app = await createApp({ rekey: !o.rekey });
      try {
        if (!o.rekey) return;
        const { rekeyStoredKeys } = await import('../../pipeline/rekey.js');
        const r = await rekeyStoredKeys(app.db, app.log, { force: true, batchSize: o.batchSize });
        if (o.json) printJson(r);
        else if (r.status === 'busy')
          process.stderr.write('dealflow: another process is re-keying stored names; try again when it has finished\n');
        else
          process.stdout.write(
            `re-keyed for key version ${r.keysVersion} (was ${r.previousVersion ?? 'unrecorded'}): ` +
              `aliases ${r.aliases.updated}/${r.aliases.scanned}, companies ${r.companies.updated}/${r.companies.scanned}, ` +
              `investors ${r.investors.updated}/${r.investors.scanned} (${r.investors.merged} merged), ` +
              `${r.possibleDuplicates} possible duplicate(s) for review\n`,
          );
        if (r.status === 'busy') process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
}
