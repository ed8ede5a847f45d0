import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ARTICLE_END, ARTICLE_START } from '../../src/extract/llm/prompt.js';

/** One request as the fake server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body (null when the body was not JSON). */
  // biome-ignore lint/suspicious/noExplicitAny: whatever JSON the client sent; tests index into it freely
  body: any;
  receivedAt: number;
}

/** What the fake answers with; `delayMs` holds the response back (timeouts, slow servers). */
export type FakeReply = { delayMs?: number } & (
  | {
      /** Assistant message content; objects are sent as JSON text. */
      content: string | object;
      finishReason?: 'stop' | 'length' | 'content_filter';
      usage?: { prompt_tokens: number; completion_tokens: number };
    }
  | { refusal: string }
  | { status: number; message?: string; headers?: Record<string, string> }
);

export type FakeHandler = (req: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAI {
  /** Pass as the SDK's baseURL. */
  baseURL: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** The text of every message of a recorded chat request, joined: handy for content-based handlers. */
export function promptText(req: RecordedRequest): string {
  const messages: { content?: unknown }[] = req.body?.messages ?? [];
  return messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
}

/** Default handler: every article yields no deals, deterministically and instantly. */
export const noDeals: FakeHandler = () => ({ content: { deals: [] } });

const HEADLINE = /\b([A-Z][\w&-]*(?: [A-Z][\w&-]*)*) (?:has )?(?:raised|raises|secured|secures) ([$€£][\d.,]+ ?(?:million|billion|m|bn)?)/g;

/**
 * A deterministic stand-in for a model (load tests): one deal per "<Company> raised <amount>"
 * phrase inside the article's data markers.
 */
export const headlineDeals: FakeHandler = (req) => {
  const text = promptText(req);
  const data = text.slice(text.indexOf(ARTICLE_START) + ARTICLE_START.length, text.lastIndexOf(ARTICLE_END));
  const deals = [...data.matchAll(HEADLINE)].map((m) => ({
    company: m[1],
    country: null,
    round: 'undisclosed',
    status: 'announced',
    amountText: m[2]!.trim(),
    valuationText: null,
    investors: [],
    announcedOn: null,
    evidence: [{ field: 'amount', quote: m[0] }],
    confidence: 0.5,
  }));
  return { content: { deals } };
};

const estimate = (text: string) => Math.ceil(text.length / 4);

function completionBody(req: RecordedRequest, reply: Extract<FakeReply, { content: unknown } | { refusal: string }>) {
  const content = 'content' in reply ? (typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content)) : null;
  const refusal = 'refusal' in reply ? reply.refusal : null;
  const usage = ('content' in reply && reply.usage) || {
    prompt_tokens: estimate(JSON.stringify(req.body?.messages ?? [])),
    completion_tokens: estimate(content ?? refusal ?? ''),
  };
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: req.body?.model ?? 'fake',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal },
        finish_reason: ('content' in reply && reply.finishReason) || 'stop',
        logprobs: null,
      },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

function errorType(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/**
 * An OpenAI-compatible server on 127.0.0.1 (random port) implementing POST /v1/chat/completions.
 * Give it a handler (reply computed from the request) or a script (replies in order; running past
 * its end is a 400 so a test never hangs on an unexpected extra call).
 */
export async function startFakeOpenAI(
  handlerOrScript: FakeHandler | FakeReply[] = noDeals,
  opts: { latencyMs?: number } = {},
): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const handler: FakeHandler = Array.isArray(handlerOrScript)
    ? (_req, i) => handlerOrScript[i] ?? { status: 400, message: `fake-openai: script has only ${handlerOrScript.length} replies` }
    : handlerOrScript;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return; // the client gave up (timeout) while we were sleeping
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString('utf8');
        // biome-ignore lint/suspicious/noExplicitAny: whatever JSON the client sent
        let body: any = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          // recorded as null; the handler decides
        }
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body,
          receivedAt: Date.now(),
        };
        if (req.method !== 'POST' || !recorded.path.startsWith('/v1/chat/completions')) {
          send(res, 404, {
            error: { message: `fake-openai: no route ${req.method} ${req.url}`, type: 'invalid_request_error', code: null, param: null },
          });
          return;
        }
        const index = requests.push(recorded) - 1;
        try {
          const reply = await handler(recorded, index);
          const delay = (opts.latencyMs ?? 0) + (reply.delayMs ?? 0);
          if (delay > 0) await sleep(delay);
          if ('status' in reply) {
            const error = {
              message: reply.message ?? `fake-openai error ${reply.status}`,
              type: errorType(reply.status),
              code: null,
              param: null,
            };
            send(res, reply.status, { error }, reply.headers);
          } else {
            send(res, 200, completionBody(recorded, reply));
          }
        } catch (err) {
          send(res, 500, {
            error: { message: `fake-openai handler failed: ${(err as Error).message}`, type: 'server_error', code: null, param: null },
          });
        }
      })();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
