import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { CompiledQuery, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type pg from 'pg';
import type { Database } from './types.js';

// pg's own text encoding of a parameter (arrays, dates, JSON), so EXECUTE sends what Bind would.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => unknown };

/** Distinct statements one connection keeps prepared; later ones run unnamed (parsed and planned each time). */
const MAX_PER_CONNECTION = 256;

type Query = (...args: unknown[]) => unknown;

/**
 * Run parameterised queries as named prepared statements, one per distinct SQL text and connection.
 * The pipeline sends the same few statements for every article; unnamed, PostgreSQL parses, analyses
 * and plans each of them every time, which was about a fifth of its CPU per article (bench/load.ts).
 * Queries without parameters stay on the simple protocol (transaction control, several statements
 * in one string, literals that vary such as advisory lock keys). After a schema change under a live
 * connection PostgreSQL refuses a prepared `SELECT *` whose columns changed; that query fails once
 * and the connection prepares fresh statements from then on.
 */
export function usePreparedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    const names = new Map<string, string>();
    /** Names the server holds: their first execution (which sent Parse) succeeded. */
    const ready = new Set<string>();
    let generation = 0;
    const nameOf = (text: string): string | undefined => {
      const known = names.get(text);
      if (known || names.size >= MAX_PER_CONNECTION) return known;
      const name = `df${generation}_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
      names.set(text, name);
      return name;
    };
    const forgetOnStaleResult = (err: unknown): never => {
      if ((err as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String(err))) {
        generation++;
        names.clear();
        ready.clear();
      }
      throw err;
    };
    const run = (text: string, values: unknown[]): Promise<unknown> => {
      const name = values.length > 0 ? nameOf(text) : undefined;
      if (!name) return query(text, values) as Promise<unknown>;
      return (query({ name, text, values }) as Promise<unknown>).then((res) => {
        ready.add(name);
        return res;
      }, forgetOnStaleResult);
    };
    const runAround = async (text: string, values: unknown[]): Promise<unknown> => {
      const { around, statement } = parseAround(text);
      const name = names.get(statement);
      if (name && ready.has(name)) {
        // One round trip: the simple protocol takes several statements, and EXECUTE runs the
        // prepared one with its parameters as literals. An error skips the statements after it.
        const literals = values.map((v) => {
          const text = prepareValue(v);
          return text === null ? 'NULL' : client.escapeLiteral(String(text));
        });
        const sqlText = [...around.before, `EXECUTE ${client.escapeIdentifier(name)}(${literals.join(', ')})`, ...around.after].join('; ');
        const results = await (query(sqlText) as Promise<unknown>).catch(forgetOnStaleResult);
        return Array.isArray(results) ? results[around.before.length] : results;
      }
      // Not prepared on this connection yet: separately, which prepares it for next time.
      if (around.before.length > 0) await query(around.before.join('; '));
      const result = await run(statement, values);
      if (around.after.length > 0) await query(around.after.join('; '));
      return result;
    };
    (client as { query: Query }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
      if (typeof text !== 'string' || !Array.isArray(values) || rest.length > 0) return query(text, values, ...rest);
      if (text.startsWith(AROUND)) return runAround(text, values);
      return run(text, values);
    };
  });
}

/** Parameterless statements sent in the same round trip as a prepared statement. */
export interface Around {
  /** Run first (e.g. BEGIN and lock calls). */
  before?: readonly string[];
  /** Run last (e.g. COMMIT); the result returned is the prepared statement's. */
  after?: readonly string[];
}

// Not valid SQL on purpose: a pool without usePreparedStatements fails loudly instead of running
// the statement without its BEGIN or COMMIT.
const AROUND = '@dealflow:around ';

/**
 * Execute `query` with `around`'s statements in one round trip once the query is prepared on the
 * connection (its first run on a connection takes a round trip per part). Each round trip saved
 * is a network wait and one more chance of a scheduling stall in the per-article write path.
 */
export async function executeAround<R>(conn: Kysely<Database>, query: RawBuilder<R>, around: Around): Promise<QueryResult<R>> {
  const compiled = query.compile(conn);
  const header = JSON.stringify({ before: around.before ?? [], after: around.after ?? [] });
  return conn.executeQuery<R>(CompiledQuery.raw(`${AROUND}${header}\n${compiled.sql}`, [...compiled.parameters]));
}

function parseAround(text: string): { around: Required<Around>; statement: string } {
  const newline = text.indexOf('\n');
  const around = JSON.parse(text.slice(AROUND.length, newline)) as Required<Around>;
  return { around, statement: text.slice(newline + 1) };
}
