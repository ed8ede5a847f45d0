import { type Command, InvalidArgumentError } from 'commander';
import { createApp } from '../../app.js';
import type { Db } from '../../db/connect.js';

/** A deal id argument. */
function dealId(v: string): number {
  if (!/^[1-9]\d{0,15}$/.test(v.trim())) throw new InvalidArgumentError('expected a deal id (a positive integer)');
  return Number(v);
}

/** Comma-separated and repeated values: `--sources 3,4 --sources 9`. */
function list(v: string, prev: string[] = []): string[] {
  return [
    ...prev,
    ...v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  ];
}

function dealIds(v: string, prev: number[] = []): number[] {
  return [...prev, ...list(v).map(dealId)];
}

/** Open the database, run one action, print its lines. */
async function run(fn: (db: Db) => Promise<string[]>): Promise<void> {
  const app = await createApp();
  try {
    process.stdout.write(`${(await fn(app.db)).join('\n')}\n`);
  } finally {
    await app.close();
  }
}

/**
 * `review`: work through the review queue in the terminal. The group's own action is the queue;
 * subcommands attach to the returned command (`review.command('…')`), and commander runs the
 * queue when no subcommand is named. The merge and split subcommands name companies and merge
 * targets by name: several matches are listed, and "#ID" picks one of them.
 */
export function register(program: Command): Command {
  const review = program
    .command('review')
    .description('work through the review queue in the terminal; merge and split companies and deals')
    .option('--kind <kind>', 'only this kind of item')
    .option('--actor <name>', 'name recorded in the audit log (the queue and every subcommand)', process.env.USER ?? 'operator')
    .action(async (o: { kind?: string; actor: string }) => {
      const { runReviewCli } = await import('../../review/tui.js');
      const app = await createApp();
      try {
        await runReviewCli({ db: app.db, actor: o.actor, input: process.stdin, output: process.stdout, kind: o.kind });
      } finally {
        await app.close();
      }
    });
  const cli = () => import('../../review/entity-cli.js');
  // The group's --actor is read wherever it is written (`review --actor A merge-company …` or after it).
  const actor = () => review.opts<{ actor: string }>().actor;
  review.configureHelp({ showGlobalOptions: true });

  review
    .command('company')
    .description('show a company found by name: its names and funding timeline')
    .argument('<name>', 'a name the company was written as, or #ID')
    .action(async (name: string) => {
      const { showCompany } = await cli();
      await run((db) => showCompany(db, name));
    });
  review
    .command('merge-company')
    .description('merge the company NAME into the company --into names (its names and deals move)')
    .argument('<name>', 'a name of the company that goes away, or #ID')
    .requiredOption('--into <name>', 'a name of the company that stays, or #ID')
    .action(async (name: string, o: { into: string }) => {
      const { mergeCompanyByName } = await cli();
      await run((db) => mergeCompanyByName(db, { name, into: o.into, actor: actor() }));
    });
  review
    .command('split-company')
    .description('move names and deals of the company NAME to a new company')
    .argument('<name>', 'a name of the company, or #ID')
    .option('--names <names>', 'names (as written) that belong to the new company, comma-separated', list, [])
    .option('--deals <ids>', 'deal ids that belong to the new company, comma-separated', dealIds, [])
    .option('--new-name <name>', 'name of the new company (default: the first of --names)')
    .action(async (name: string, o: { names: string[]; deals: number[]; newName?: string }) => {
      const { splitCompanyByName } = await cli();
      await run((db) => splitCompanyByName(db, { name, names: o.names, deals: o.deals, newName: o.newName, actor: actor() }));
    });
  review
    .command('merge-deal')
    .description('merge deal ID into the deal --into names (a company name with one other live deal, or #ID)')
    .argument('<id>', 'the deal that goes away', dealId)
    .requiredOption('--into <name>', 'company name of the deal that stays, or #ID')
    .action(async (id: number, o: { into: string }) => {
      const { mergeDealByName } = await cli();
      await run((db) => mergeDealByName(db, { dealId: id, into: o.into, actor: actor() }));
    });
  review
    .command('split-deal')
    .description('move sources of deal ID to a new deal carrying the figures they stated')
    .argument('<id>', 'the deal', dealId)
    .requiredOption('--sources <articles>', 'source article ids or URLs, comma-separated', list)
    .action(async (id: number, o: { sources: string[] }) => {
      const { splitDealBySources } = await cli();
      await run((db) => splitDealBySources(db, { dealId: id, sources: o.sources, actor: actor() }));
    });
  return review;
}
