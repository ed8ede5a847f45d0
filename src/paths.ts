import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The directory holding package.json: the same from src/ (tsx, vitest) and from compiled dist/src/. */
export function projectRoot(from: string = here): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

/** A short, stable id of this checkout (its absolute path), for per-install state outside it. */
export function installId(root: string = projectRoot()): string {
  return createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 12);
}

/**
 * Where root keeps the embedded PostgreSQL's binaries (and its data when DATA_DIR is out of reach)
 * for this checkout: PostgreSQL refuses to run as root and runs as a dedicated user, who cannot
 * enter a checkout under a 0700 directory such as /root or `mktemp -d`. /var/lib is for persistent
 * state and, unlike /tmp and /var/tmp on many systems, is not emptied at boot or aged.
 */
export function embeddedStateDir(root: string = projectRoot()): string {
  return path.join('/var/lib/dealflow', installId(root));
}
