import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './context.js';

// bull-board's queue UI. Its routes live in a child scope and inherit the auth hook (routes/auth.ts).

export const BOARD_PATH = '/admin/queues';
// The names axios (bundled in bull-board's UI) uses by default for its CSRF double-submit.
export const BOARD_CSRF_COOKIE = 'XSRF-TOKEN';
export const BOARD_CSRF_HEADER = 'x-xsrf-token';

export function isBoardPath(path: string): boolean {
  return path.startsWith(BOARD_PATH);
}

export async function registerBoard(app: FastifyInstance, deps: Pick<RouteDeps, 'queues'>): Promise<void> {
  const board = new FastifyAdapter();
  board.setBasePath(BOARD_PATH);
  // @bull-board/fastify pins its own copy of @bull-board/api (9.10.1 vs 9.10.2 at the top level):
  // identical at runtime, but the duplicate private fields make the two declarations incompatible.
  type BoardAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({ queues: deps.queues.map((q) => new BullMQAdapter(q)), serverAdapter: board as unknown as BoardAdapter });
  await app.register(board.registerPlugin(), { prefix: BOARD_PATH });
}
