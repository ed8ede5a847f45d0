import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// bull-board's page links IBM Plex from Google Fonts, which the CSP (and an offline host) blocks.
// The same faces are served from the @fontsource packages instead, and the page's link rewritten.

export const FONTS_PATH = '/assets/fonts';
const GOOGLE_FONTS_LINK = /https:\/\/fonts\.googleapis\.com\/css2\?[^"']*/g;
const FACES: Array<[pkg: string, weights: number[]]> = [
  ['@fontsource/ibm-plex-sans', [400, 500, 600]],
  ['@fontsource/ibm-plex-mono', [400, 500]],
];
const FILE_RE = /^ibm-plex-(sans|mono)-latin-\d{3}-normal\.woff2?$/;

const require = createRequire(import.meta.url);
const packageDir = (pkg: string) => dirname(require.resolve(`${pkg}/package.json`));

let css: string | undefined;

/** The @font-face rules for the faces bull-board uses, pointing at FONTS_PATH. */
export function boardFontsCss(): string {
  css ??= FACES.flatMap(([pkg, weights]) =>
    weights.map((w) => readFileSync(join(packageDir(pkg), `latin-${w}.css`), 'utf8').replace(/url\(\.\/files\//g, `url(${FONTS_PATH}/`)),
  ).join('\n');
  return css;
}

/** A font file by name (only the latin faces above); null for anything else. */
export function boardFontFile(name: string): Buffer | null {
  const m = FILE_RE.exec(name);
  if (!m) return null;
  const pkg = m[1] === 'sans' ? '@fontsource/ibm-plex-sans' : '@fontsource/ibm-plex-mono';
  try {
    return readFileSync(join(packageDir(pkg), 'files', name));
  } catch {
    return null;
  }
}

/** bull-board's HTML with its Google Fonts stylesheet replaced by ours. */
export function localiseBoardFonts(page: string): string {
  return page.replace(GOOGLE_FONTS_LINK, `${FONTS_PATH}/fonts.css`);
}
