import type { Command } from 'commander';
import { createApp } from '../../app.js';

/**
 * `review`: work through the review queue in the terminal. The group's own action is the queue;
 * subcommands attach to the returned command (`review.command('…')`), and commander runs the
 * queue when no subcommand is named.
 */
export function register(program: Command): Command {
  const review = program
    .command('review')
    .description('work through the review queue in the terminal')
    .option('--kind <kind>', 'only this kind of item')
    .option('--actor <name>', 'name recorded in the audit log', process.env.USER ?? 'operator')
    .action(async (o: { kind?: string; actor: string }) => {
      const { runReviewCli } = await import('../../review/tui.js');
      const app = await createApp();
      try {
        await runReviewCli({ db: app.db, actor: o.actor, input: process.stdin, output: process.stdout, kind: o.kind });
      } finally {
        await app.close();
      }
    });
  return review;
}
