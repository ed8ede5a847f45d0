import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Dispatcher } from 'undici';
import { decodeBody } from './charset.js';
import { FetchError } from './errors.js';
import { acceptableType, type FetchAccept, header } from './request.js';

const MAGIC: Array<[string, number[]]> = [
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['ZIP', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip', [0x1f, 0x8b]],
];

/** Name of the binary format the bytes look like, or null for text. */
export function sniffBinary(bytes: Uint8Array, contentType: string | null): string | null {
  for (const [name, sig] of MAGIC) if (sig.every((b, i) => bytes[i] === b)) return name;
  const utf16 = /utf-16/i.test(contentType ?? '') || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 1024).includes(0)) return 'data with NUL bytes';
  return null;
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

/** Undo a Content-Encoding, never producing more than `maxBytes`. */
export async function decodeContent(raw: Buffer, encoding: string, maxBytes: number, url: string): Promise<Buffer> {
  const opts = { maxOutputLength: maxBytes };
  try {
    switch (encoding) {
      case '':
      case 'identity':
        return raw;
      case 'gzip':
      case 'x-gzip':
        return await gunzip(raw, opts);
      // "deflate" is meant to be zlib-wrapped but some servers send raw deflate: the header tells.
      case 'deflate':
        return (raw[0] ?? 0) % 16 === 8 ? await inflate(raw, opts) : await inflateRaw(raw, opts);
      case 'br':
        return await brotli(raw, { maxOutputLength: maxBytes });
      default:
        throw new FetchError('content_type', url, `unsupported Content-Encoding "${encoding}"`);
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new FetchError('too_large', url, `decompressed body exceeds ${maxBytes} bytes`);
    }
    throw new FetchError('network', url, `corrupt ${encoding} body: ${(err as Error).message}`, { cause: err });
  }
}

/** The response's Content-Encoding, normalised. */
export function contentEncoding(headers: Dispatcher.ResponseData['headers']): string {
  return (header(headers, 'content-encoding') ?? '').toLowerCase().trim();
}

/** Close a body we will not read; undici reports that as an AbortError we expect and ignore. */
export function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/**
 * The raw (still content-encoded) bytes of a 2xx response: refused before reading when the type is
 * unwanted or the declared length is over `limit`, and stopped as soon as the bytes pass it.
 */
export async function readLimitedBody(
  res: Pick<Dispatcher.ResponseData, 'headers' | 'body'>,
  accept: FetchAccept | 'robots',
  limit: number,
  url: string,
): Promise<Buffer> {
  const mime = (header(res.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (accept !== 'robots' && mime && !acceptableType(accept, mime)) {
    discard(res.body);
    throw new FetchError('content_type', url, `unwanted content type ${mime} for a ${accept}`);
  }
  const declared = Number(header(res.headers, 'content-length'));
  if (declared > limit) {
    discard(res.body);
    throw new FetchError('too_large', url, `body of ${declared} bytes exceeds ${limit}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      discard(res.body);
      throw new FetchError('too_large', url, `body exceeds ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Raw bytes → text: content decoding under `maxBytes`, a gzipped sitemap sent without
 * Content-Encoding unwrapped once (feeds only), binary bodies refused, then the charset decoded.
 */
export async function bodyText(
  raw: Buffer,
  headers: Dispatcher.ResponseData['headers'],
  accept: FetchAccept,
  maxBytes: number,
  url: string,
): Promise<{ text: string; bytes: number }> {
  const contentType = header(headers, 'content-type');
  let bytes = await decodeContent(raw, contentEncoding(headers), maxBytes, url);
  if (accept === 'feed' && bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await decodeContent(bytes, 'gzip', maxBytes, url);
  const binary = sniffBinary(bytes, contentType);
  if (binary) throw new FetchError('binary', url, `body is binary (${binary})`);
  return { text: decodeBody(bytes, contentType).text, bytes: bytes.length };
}
