import { describe, expect, it } from 'vitest';
import { contentTypeCharset, decodeBody } from '../../src/fetch/charset.js';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('decodeBody', () => {
  it('prefers a BOM over every declaration', () => {
    const d = decodeBody(bytes([0xef, 0xbb, 0xbf], 'caf', [0xc3, 0xa9]), 'text/html; charset=windows-1252');
    expect(d).toMatchObject({ text: 'café', charset: 'utf-8', source: 'bom' });
    const le = decodeBody(Buffer.from('\uFEFFhé', 'utf16le'), null);
    expect(le).toMatchObject({ text: 'hé', charset: 'utf-16le' });
  });

  it('uses the Content-Type charset', () => {
    expect(decodeBody(bytes('caf', [0xe9]), 'text/html; charset="windows-1252"')).toMatchObject({ text: 'café', source: 'header' });
    expect(decodeBody(bytes([0x93, 0xfa, 0x96, 0x7b]), 'text/html;charset=Shift_JIS').text).toBe('日本');
  });

  it('falls back to <meta charset>, http-equiv and the XML declaration', () => {
    const meta = decodeBody(bytes('<meta charset="iso-8859-1"><p>', [0xe9]), 'text/html');
    expect(meta).toMatchObject({ text: '<meta charset="iso-8859-1"><p>é', source: 'meta' });
    const equiv = decodeBody(bytes('<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">', [0xc7, 0xd1]), null);
    expect(equiv.text.endsWith('한')).toBe(true);
    const xml = decodeBody(bytes('<?xml version="1.0" encoding="windows-1252"?><t>', [0x80], '</t>'), 'application/xml');
    expect(xml).toMatchObject({ text: '<?xml version="1.0" encoding="windows-1252"?><t>€</t>', source: 'xml' });
    expect(decodeBody(bytes([0x93], 'quoted', [0x94, 0x96, 0x85]), 'text/plain; charset=windows-1252').text).toBe('“quoted”–…');
    expect(decodeBody(bytes('<meta charset="gb18030">', [0xd6, 0xd0]), null).text.endsWith('中')).toBe(true);
  });

  it('ignores declarations beyond the first 2 KB', () => {
    const d = decodeBody(bytes(' '.repeat(3000), '<meta charset="windows-1252">'), null);
    expect(d.source).toBe('default');
  });

  it('defaults to utf-8 and falls back to it for unknown labels', () => {
    expect(decodeBody(bytes([0xe2, 0x82, 0xac]), null)).toMatchObject({ text: '€', charset: 'utf-8', source: 'default' });
    expect(decodeBody(bytes([0xe2, 0x82, 0xac]), 'text/html; charset=klingon')).toMatchObject({ text: '€', charset: 'utf-8' });
  });

  it('decodes valid UTF-8 mislabelled as a single-byte charset as UTF-8', () => {
    expect(decodeBody(bytes('caf', [0xc3, 0xa9]), 'text/html; charset=iso-8859-1').text).toBe('café');
    // …but real latin-1 bytes (invalid as UTF-8) keep the declared charset.
    expect(decodeBody(bytes('caf', [0xe9]), 'text/html; charset=iso-8859-1').text).toBe('café');
  });

  it('treats a UTF-16 declaration inside an ASCII document as utf-8', () => {
    expect(decodeBody(bytes('<meta charset="utf-16"><p>ok'), null).text).toBe('<meta charset="utf-16"><p>ok');
  });
});

describe('contentTypeCharset', () => {
  it.each([
    ['text/html; charset=UTF-8', 'UTF-8'],
    ["text/html;charset='koi8-r'", 'koi8-r'],
    ['text/html', null],
    [null, null],
  ])('%s → %s', (ct, cs) => expect(contentTypeCharset(ct)).toBe(cs));
});
