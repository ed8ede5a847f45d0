export type FetchErrorCode =
  | 'blocked_address'
  | 'robots'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'redirect_loop'
  | 'content_type'
  | 'binary'
  | 'http_status'
  | 'network'
  | 'invalid_url';

/** The one error every fetch failure becomes; `retryable` tells callers whether trying later may help. */
export class FetchError extends Error {
  override name = 'FetchError';
  readonly code: FetchErrorCode;
  readonly url: string;
  /** The message without the URL, for wrapping in another message. */
  readonly reason: string;
  readonly status?: number;
  readonly retryable: boolean;

  constructor(code: FetchErrorCode, url: string, message: string, opts: { status?: number; retryable?: boolean; cause?: unknown } = {}) {
    super(`${message} (${url})`, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.url = url;
    this.reason = message;
    if (opts.status !== undefined) this.status = opts.status;
    this.retryable = opts.retryable ?? false;
  }
}
