import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../src/paths.js';

// Dependencies point one way: bin/main.ts (the composition root) wires src/ and workers/;
// workers/ uses src/; src/ never reaches back. Inside src/, the top-level modules form no cycle.
const root = projectRoot();

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Relative imports of a file (static, dynamic and re-exports), as project paths of .ts files. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specs = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? m[2]!);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => path.relative(root, path.resolve(path.dirname(path.join(root, file)), s)).replace(/\.js$/, '.ts'));
}

/** src/a/b.ts → src/a; src/x.ts → src/x.ts; anything else → its top-level folder. */
function moduleOf(file: string): string {
  const parts = file.split(path.sep);
  if (parts[0] === 'src') return parts.length > 2 ? `src/${parts[1]}` : file;
  return parts[0]!;
}

const files = [...sourceFiles('src'), ...sourceFiles('workers'), 'bin/main.ts'];
const edges = files.flatMap((from) => importsOf(from).map((to) => ({ from, to })));

describe('dependency direction', () => {
  it('reads the imports it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges).toContainEqual({ from: 'workers/worker.ts', to: 'src/pipeline/process-article.ts' });
    expect(edges).toContainEqual({ from: 'bin/main.ts', to: 'workers/worker.ts' });
  });

  it('src/ never imports workers/ or bin/, and workers/ never imports bin/', () => {
    const backwards = edges.filter(
      ({ from, to }) =>
        (from.startsWith('src/') && (to.startsWith('workers/') || to.startsWith('bin/'))) ||
        (from.startsWith('workers/') && to.startsWith('bin/')),
    );
    expect(backwards).toEqual([]);
  });

  it('the top-level modules of src/ import each other without cycles', () => {
    const graph = new Map<string, Set<string>>();
    for (const { from, to } of edges) {
      const [a, b] = [moduleOf(from), moduleOf(to)];
      if (a === b || !a.startsWith('src/') || !b.startsWith('src/')) continue;
      graph.set(a, (graph.get(a) ?? new Set()).add(b));
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (node: string, trail: string[]): void => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
        return;
      }
      state.set(node, 'open');
      for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});

// Every SQL statement lives in a repository under src/store (src/db holds the connection and the
// migrator, migrations/ the schema); stages, web handlers, the CLI and workers call repositories.
const SQL_HOMES = ['src/store/', 'src/db/'];
const SQL_PATTERNS: Array<[string, RegExp]> = [
  ['kysely value import', /(?:^|\n)\s*import\s+(?!type\b)[^;]*?from\s*['"]kysely['"]/],
  ['query builder', /\.(?:selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|transaction)\s*\(/],
  ['sql template', /\bsql\s*(?:<[^`;]*?>)?\s*`/],
  ['sql helper', /\bsql\.(?:raw|ref|id|lit|join|table|val|value)\s*\(/],
];

function sqlUses(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return SQL_PATTERNS.filter(([, re]) => re.test(text)).map(([name]) => `${file}: ${name}`);
}

describe('SQL in repositories', () => {
  it('recognises the query styles the repositories use', () => {
    expect(sqlUses('src/store/sessions.ts')).toContain('src/store/sessions.ts: query builder');
    expect(sqlUses('src/store/stats.ts')).toEqual(
      expect.arrayContaining(['src/store/stats.ts: kysely value import', 'src/store/stats.ts: sql template']),
    );
  });

  it('no module outside src/store and src/db builds or runs SQL', () => {
    const outside = files.filter((f) => !SQL_HOMES.some((home) => f.startsWith(home)));
    expect(outside.length).toBeGreaterThan(50);
    expect(outside.flatMap(sqlUses)).toEqual([]);
  });
});
