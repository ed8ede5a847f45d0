import type { Command } from 'commander';
import { createApp } from '../../app.js';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations (also run automatically at startup)')
    .action(async () => {
      const app = await createApp();
      await app.close();
    });
}
