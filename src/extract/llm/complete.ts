import { APIConnectionTimeoutError, APIError, APIUserAbortError, type OpenAI } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { RawExtraction, RawExtractionSchema } from '../../deal/schema.js';
import type { Logger } from '../../logger.js';
import { LlmApiError, LlmInvalidOutputError, LlmRefusalError, LlmTimeoutError } from './errors.js';

// Strict structured output: every property required (nullable, not optional), additionalProperties false.
export const responseFormat = zodResponseFormat(RawExtractionSchema, 'deal_extraction');

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export type ChunkOutcome = ({ kind: 'ok'; raw: RawExtraction } | { kind: 'truncated' }) & Usage;

export interface CompleteOptions {
  client: OpenAI;
  model: string;
  /** Corrective re-asks after an invalid answer (transport retries are the SDK's, separately). */
  maxRetries: number;
  timeoutMs: number;
  signal?: AbortSignal;
  log?: Logger;
}

const MAX_FEEDBACK_CHARS = 2000;

/** JSON text → RawExtraction, or a message the model can act on. */
function validate(content: string): { ok: true; raw: RawExtraction } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (err) {
    return { ok: false, error: `The reply is not valid JSON: ${(err as Error).message}` };
  }
  const parsed = RawExtraction.safeParse(json);
  if (parsed.success) return { ok: true, raw: parsed.data };
  return { ok: false, error: `The reply does not match the deal_extraction schema:\n${z.prettifyError(parsed.error)}` };
}

function translate(err: unknown, timeoutMs: number): unknown {
  if (err instanceof APIUserAbortError) return err;
  if (err instanceof APIConnectionTimeoutError) {
    return new LlmTimeoutError(`LLM request timed out after ${timeoutMs} ms (SDK retries exhausted)`, true, { cause: err });
  }
  if (err instanceof APIError) {
    return new LlmApiError(`LLM API error${err.status ? ` ${err.status}` : ''}: ${err.message}`, err.status, { cause: err });
  }
  return err;
}

/**
 * One chunk, one conversation. The SDK handles transport failures (429/5xx/timeouts: exponential
 * backoff with jitter, honouring Retry-After up to MAX_RETRY_AFTER_S); this loop only re-asks when
 * the answer itself is unusable, feeding the validation error back, so nothing is retried twice over.
 *
 * `.create` rather than `.parse`: `.parse` throws on `finish_reason: 'length'` and on schema errors
 * before we can read `usage`, and those tokens are still billed.
 */
export async function completeChunk(messages: ChatCompletionMessageParam[], opts: CompleteOptions): Promise<ChunkOutcome> {
  const conversation = [...messages];
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  let lastError = '';
  for (let attempt = 0; attempt <= opts.maxRetries; attempt++) {
    const completion = await opts.client.chat.completions
      .create(
        { model: opts.model, messages: conversation, response_format: responseFormat },
        { timeout: opts.timeoutMs, signal: opts.signal },
      )
      .catch((err: unknown) => {
        throw translate(err, opts.timeoutMs);
      });
    usage.inputTokens += completion.usage?.prompt_tokens ?? 0;
    usage.outputTokens += completion.usage?.completion_tokens ?? 0;

    const choice = completion.choices[0];
    if (choice?.message.refusal) throw new LlmRefusalError(choice.message.refusal);
    if (choice?.finish_reason === 'content_filter') throw new LlmRefusalError('the response was blocked by the content filter');
    if (choice?.finish_reason === 'length') return { kind: 'truncated', ...usage };

    const content = choice?.message.content ?? '';
    const result = content ? validate(content) : { ok: false as const, error: 'The reply was empty.' };
    if (result.ok) return { kind: 'ok', raw: result.raw, ...usage };

    lastError = result.error;
    opts.log?.warn({ attempt, error: lastError.slice(0, 500) }, 'LLM answer failed validation; asking again');
    conversation.push(
      { role: 'assistant', content: content.slice(0, MAX_FEEDBACK_CHARS) },
      {
        role: 'user',
        content: `${lastError.slice(0, MAX_FEEDBACK_CHARS)}\n\nReply again with only JSON matching the deal_extraction schema.`,
      },
    );
  }
  throw new LlmInvalidOutputError(`LLM answer still invalid after ${opts.maxRetries + 1} attempts: ${lastError.slice(0, 500)}`, true);
}
