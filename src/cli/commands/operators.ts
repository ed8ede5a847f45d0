import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createApp } from '../../app.js';

/** `operators-add`: review UI accounts. */
export function register(program: Command): void {
  program
    .command('operators-add <username>')
    .description('create a review UI operator account (password from DEALFLOW_PASSWORD or stdin)')
    .action(async (username: string) => {
      const { createOperator } = await import('../../review/operators.js');
      const password = process.env.DEALFLOW_PASSWORD ?? (await readFile('/dev/stdin', 'utf8')).trim();
      const app = await createApp();
      try {
        await createOperator(app.db, username, password);
        process.stdout.write(`operator ${username} created\n`);
      } finally {
        await app.close();
      }
    });
}
