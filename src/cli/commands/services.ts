import type { Command } from 'commander';
import { shutdownOnSignals, startRuntime } from '../runtime.js';
import type { CliWiring } from './types.js';

/** The long-running commands: `worker`, `serve` and `start` (both, plus the demo site). */
export const LONG_RUNNING: ReadonlySet<string> = new Set(['worker', 'serve', 'start']);

export function register(program: Command, wiring: CliWiring): void {
  program
    .command('worker')
    .description('run the job schedulers and workers (BullMQ on Redis)')
    .action(async () => {
      await shutdownOnSignals(await startRuntime({ workers: true, server: false, demo: false }, wiring));
    });
  program
    .command('serve')
    .description('serve the review UI, API, health and metrics')
    .action(async () => {
      await shutdownOnSignals(await startRuntime({ workers: false, server: true, demo: false }, wiring));
    });
  program
    .command('start')
    .description('workers, schedulers and the web server in one process (with the demo site when no sources exist)')
    .action(async () => {
      await shutdownOnSignals(await startRuntime({ workers: true, server: true, demo: true }, wiring));
    });
}
