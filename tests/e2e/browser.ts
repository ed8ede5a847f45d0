import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

function packageDir(): string {
  // The package exports only its entry (build/cjs/index.cjs); its root is two levels up.
  return path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..', '..');
}

/**
 * One directory per package version and user: the package unpacks its browser into os.tmpdir()
 * and reuses whatever it finds there, so a shared /tmp would hand one user another user's private
 * (0700) binary, or an older version's.
 */
function browserDir(pkgDir: string): string {
  const { version } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const dir = path.join(tmpdir(), `dealflow-chromium-${version}-${process.getuid?.() ?? 0}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/**
 * The package also ships the few shared libraries its binary links against that a slim Debian
 * lacks (NSS, NSPR, expat; meant for Amazon Linux). Unpack them once and put them first on the
 * browser's LD_LIBRARY_PATH, so the launch does not depend on apt packages.
 */
function bundledLibDir(pkgDir: string, dir: string): string {
  const lib = path.join(dir, 'lib');
  if (existsSync(path.join(lib, 'libnss3.so'))) return lib;
  const staging = path.join(dir, `staging-${process.pid}`);
  mkdirSync(staging, { recursive: true });
  const tar = brotliDecompressSync(readFileSync(path.join(pkgDir, 'bin', 'al2023.tar.br')));
  const r = spawnSync('tar', ['-x', '-C', staging], { input: tar });
  if (r.status !== 0) throw new Error(`unpacking Chromium's libraries failed: ${String(r.stderr)}`);
  try {
    renameSync(path.join(staging, 'lib'), lib);
  } catch {
    // another process unpacked them first
  }
  rmSync(staging, { recursive: true, force: true });
  return lib;
}

export async function launchBrowser(): Promise<Browser> {
  const pkgDir = packageDir();
  const dir = browserDir(pkgDir);
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = dir; // where executablePath() unpacks (os.tmpdir() reads it on each call)
  let executablePath: string;
  try {
    executablePath = await Chromium.executablePath();
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
  const env: Record<string, string | undefined> = { ...process.env };
  env.LD_LIBRARY_PATH = [bundledLibDir(pkgDir, dir), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  // A machine without fontconfig's configuration gets the package's fonts (unpacked beside the
  // binary; the package's own fonts.conf names fixed /tmp paths, so write one for this directory).
  if (!existsSync('/etc/fonts/fonts.conf')) {
    const conf = path.join(dir, 'fontconfig');
    mkdirSync(conf, { recursive: true });
    writeFileSync(
      path.join(conf, 'fonts.conf'),
      `<?xml version="1.0"?>\n<fontconfig><dir>${path.join(dir, 'fonts')}</dir><cachedir>${path.join(dir, 'fonts-cache')}</cachedir></fontconfig>\n`,
    );
    env.FONTCONFIG_PATH = conf;
    env.FONTCONFIG_FILE = path.join(conf, 'fonts.conf');
  }
  // launch() gives every run a fresh temporary profile (its own --user-data-dir).
  return chromium.launch({ executablePath, env, headless: true, timeout: 20_000, args: ARGS });
}
