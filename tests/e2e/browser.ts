import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { brotliDecompressSync } from 'node:zlib';
import Chromium from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

// The browser comes from the npm registry (@sparticuz/chromium ships a headless Chromium inside its
// package), so `npm install && npm test` needs no system browser. Flags: no sandbox (root), no GPU,
// and nothing that phones home: the machine's network is closed and refused connections slow it.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const require = createRequire(import.meta.url);

/**
 * The package also ships the few shared libraries its binary links against that a slim Debian
 * lacks (NSS, NSPR, expat; meant for Amazon Linux). Unpack them once per package version and put
 * them first on the browser's LD_LIBRARY_PATH, so the launch does not depend on apt packages.
 */
function bundledLibDir(): string {
  // The package exports only its entry (build/cjs/index.cjs); its root is two levels up.
  const pkgDir = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  const version = (JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const uid = process.getuid?.() ?? 0;
  const dir = path.join(tmpdir(), `dealflow-chromium-libs-${version}-${uid}`);
  if (existsSync(path.join(dir, 'lib', 'libnss3.so'))) return path.join(dir, 'lib');
  const staging = `${dir}.${process.pid}`;
  mkdirSync(staging, { recursive: true });
  const tar = brotliDecompressSync(readFileSync(path.join(pkgDir, 'bin', 'al2023.tar.br')));
  const r = spawnSync('tar', ['-x', '-C', staging], { input: tar });
  if (r.status !== 0) throw new Error(`unpacking Chromium's libraries failed: ${String(r.stderr)}`);
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process unpacked it first
  }
  return path.join(dir, 'lib');
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await Chromium.executablePath();
  const env: Record<string, string | undefined> = { ...process.env };
  env.LD_LIBRARY_PATH = [bundledLibDir(), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  // A machine without fontconfig's configuration gets the package's fonts (unpacked beside the binary).
  if (!existsSync('/etc/fonts/fonts.conf')) env.FONTCONFIG_PATH = path.join(tmpdir(), 'fonts');
  // launch() gives every run a fresh temporary profile (its own --user-data-dir).
  return chromium.launch({ executablePath, env, headless: true, timeout: 20_000, args: ARGS });
}
