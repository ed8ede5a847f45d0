// The composition root: the one place that wires src/ (stages, CLI) to workers/ (queue consumers).
import { runCli } from '../src/cli/main.js';
import { startWorkers } from '../workers/worker.js';

await runCli(process.argv, { startWorkers });
