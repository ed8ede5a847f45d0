import type { Command } from 'commander';
import type { StartWorkers } from '../../queue/queues.js';

/** What the composition root hands the CLI: the queue consumers from workers/. */
export interface CliWiring {
  startWorkers: StartWorkers;
}

/** One command group: adds its commands to the program. */
export type RegisterCommands = (program: Command, deps: CliWiring) => void;
