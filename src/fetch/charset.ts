export interface Decoded {
  text: string;
  /** The encoding actually used (a WHATWG label as TextDecoder reports it). */
  charset: string;
  source: 'bom' | 'header' | 'meta' | 'xml' | 'default';
}

const SNIFF_BYTES = 2048;

// Node 20's TextDecoder decodes windows-1252 (the label latin1/ascii also map to) as ISO-8859-1,
// turning 0x80–0x9F into C1 controls instead of € “ ” – — …; map that range ourselves.
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decode(bytes: Uint8Array, encoding: string): string {
  const text = new TextDecoder(encoding).decode(bytes);
  if (encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

/** Canonical encoding name for a label, or null when TextDecoder does not know it. */
function encodingFor(label: string): string | null {
  try {
    return new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return null;
  }
}

function bomEncoding(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** The charset parameter of a Content-Type header value. */
export function contentTypeCharset(contentType: string | null): string | null {
  const m = contentType?.match(/;\s*charset\s*=\s*["']?([^"';\s]+)/i);
  return m?.[1] ?? null;
}

/** Charset declared inside the document: HTML <meta> first, then the XML declaration. */
function declaredInDocument(head: string): { label: string; source: 'meta' | 'xml' } | null {
  const meta =
    head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i) ?? // <meta charset> and http-equiv content="…; charset=x"
    null;
  if (meta?.[1]) return { label: meta[1], source: 'meta' };
  const xml = head.match(/<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i);
  if (xml?.[1]) return { label: xml[1], source: 'xml' };
  return null;
}

/** Valid UTF-8 that actually uses multi-byte sequences: almost never a legacy single-byte text by accident. */
function isNonAsciiUtf8(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const SINGLE_BYTE = /^(windows-125\d|iso-8859-\d+|koi8-[ru]|macintosh|ibm866|x-mac-cyrillic)$/;

/**
 * Decode a response body: BOM, then the Content-Type charset, then <meta charset>/http-equiv in
 * the first 2 KB, then the XML declaration; utf-8 by default and for unknown labels.
 * A declared single-byte charset on bytes that are valid non-ASCII UTF-8 is a common mislabel
 * (CMS templates hard-coding iso-8859-1): those bytes are decoded as UTF-8.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): Decoded {
  const bom = bomEncoding(bytes);
  if (bom) {
    // TextDecoder strips the BOM itself for the encoding it matches.
    return { text: decode(bytes, bom), charset: bom, source: 'bom' };
  }
  let declared: { label: string; source: Decoded['source'] } | null = null;
  const header = contentTypeCharset(contentType);
  if (header && encodingFor(header)) declared = { label: header, source: 'header' };
  if (!declared) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES));
    const doc = declaredInDocument(head);
    if (doc && encodingFor(doc.label)) declared = doc;
  }
  let charset = declared ? (encodingFor(declared.label) ?? 'utf-8') : 'utf-8';
  let source: Decoded['source'] = declared?.source ?? 'default';
  // An ASCII-compatible document cannot really be UTF-16 if the declaration itself was readable as ASCII.
  if (charset.startsWith('utf-16') && source !== 'header') charset = 'utf-8';
  if (SINGLE_BYTE.test(charset) && isNonAsciiUtf8(bytes)) {
    charset = 'utf-8';
    source = 'default';
  }
  return { text: decode(bytes, charset), charset, source };
}
