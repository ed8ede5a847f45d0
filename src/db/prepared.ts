import { createHash } from 'node:crypto';
import type pg from 'pg';

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
    let generation = 0;
    const nameOf = (text: string): string | undefined => {
      const known = names.get(text);
      if (known || names.size >= MAX_PER_CONNECTION) return known;
      const name = `df${generation}_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
      names.set(text, name);
      return name;
    };
    (client as { query: Query }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
      const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 && rest.length === 0 ? nameOf(text) : undefined;
      if (!name) return query(text, values, ...rest);
      const result = query({ name, text, values }) as Promise<unknown>;
      return result.catch((err: unknown) => {
        if ((err as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String(err))) {
          generation++;
          names.clear();
        }
        throw err;
      });
    };
  });
}
