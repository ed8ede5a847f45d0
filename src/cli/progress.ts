import cliProgress from 'cli-progress';
import type { OnceProgress } from '../pipeline/run-once.js';

/** A progress bar on stderr (silent when stderr is not a terminal, so logs and CI stay clean). */
export function progressBar(): { update(p: OnceProgress): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{phase} [{bar}] {value}/{total}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let phase: string | null = null;
  return {
    update(p) {
      if (p.phase !== phase) {
        if (phase) bar.stop();
        phase = p.phase;
        bar.start(p.total, 0, { phase: p.phase.padEnd(8) });
      }
      bar.update(p.done);
    },
    stop: () => bar.stop(),
  };
}
