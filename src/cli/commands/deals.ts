import { type Command, Option } from 'commander';
import { createApp } from '../../app.js';

/** `deals`: export clean deals as CSV or NDJSON. */
export function register(program: Command): void {
  program
    .command('deals')
    .description('export clean deals')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'ndjson']).default('ndjson'))
    .option('--since <date>', 'announced on or after YYYY-MM-DD')
    .option('--round <round>')
    .option('--country <code>')
    .option('--region <region>')
    .option('--min-usd <n>', 'minimum amount in USD', Number)
    .option('--company <text>')
    .action(
      async (o: {
        format: 'csv' | 'ndjson';
        since?: string;
        round?: string;
        country?: string;
        region?: string;
        minUsd?: number;
        company?: string;
      }) => {
        const { exportDeals } = await import('../../export/deals.js');
        const { parseDealFilters } = await import('../../export/filters.js');
        const { format, minUsd, ...rest } = o;
        const filters = parseDealFilters({ ...rest, min_usd: minUsd }); // bad filters fail before connecting
        const app = await createApp();
        try {
          await exportDeals(app.db, { format, filters }, process.stdout);
        } finally {
          await app.close();
        }
      },
    );
}
