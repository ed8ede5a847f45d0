import type { Command } from 'commander';
import { createApp } from '../../app.js';

/** `fx refresh`: the exchange rates used for USD conversion. */
export function register(program: Command): void {
  program
    .command('fx')
    .description('exchange rates used for USD conversion')
    .command('refresh')
    .description('fetch the reference rates (FX_RATES_URL, ECB format) now and store them')
    .option('--allow-private', 'allow a private or loopback address', false)
    .action(async (o: { allowPrivate: boolean }) => {
      const { refreshReferenceRates } = await import('../../fx/refresh.js');
      const app = await createApp();
      try {
        const r = await refreshReferenceRates(app, { allowPrivate: o.allowPrivate || app.config.FETCH_ALLOW_PRIVATE });
        process.stdout.write(`stored ${r.stored} reference rates; latest ${r.until ?? '-'}\n`);
      } finally {
        await app.close();
      }
    });
}
