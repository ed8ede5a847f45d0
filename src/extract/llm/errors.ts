/** Any failure of the LLM engine; `retryable` tells a job queue whether a later attempt may succeed. */
export class LlmError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The model declined to answer (`message.refusal` or a content filter); asking again will not help. */
export class LlmRefusalError extends LlmError {
  constructor(readonly refusal: string) {
    super(`The model refused to extract: ${refusal}`, false);
  }
}

/** The answer hit the output token limit even for a halved chunk. */
export class LlmTruncationError extends LlmError {}

/** The answer still failed JSON/schema validation after every corrective retry. */
export class LlmInvalidOutputError extends LlmError {}

/** No answer within the timeout, after the SDK's retries. */
export class LlmTimeoutError extends LlmError {}

/** The API answered with an error status (after the SDK's retries for 408/409/429/5xx). */
export class LlmApiError extends LlmError {
  constructor(
    message: string,
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, status === undefined || status === 408 || status === 409 || status === 429 || status >= 500, options);
  }
}
