/** An operator action that cannot be applied; `code` maps to an HTTP status in the web layer. */
export class ReviewError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}
