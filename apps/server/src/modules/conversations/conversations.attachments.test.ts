import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitizeFileName, sniffContentType } from './conversations.attachments.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffContentType', () => {
  it('knows PNG, JPEG, GIF, WebP and PDF by their first bytes', () => {
    expect(sniffContentType(bytes([0x89], 'PNG\r\n\x1a\n', 'IHDR'))).toBe('image/png');
    expect(sniffContentType(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBe('image/jpeg');
    expect(sniffContentType(bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffContentType(bytes('GIF87a'))).toBe('image/gif');
    expect(sniffContentType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffContentType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('refuses SVG, HTML, other RIFF files, truncated signatures and anything else', () => {
    expect(sniffContentType(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'))).toBeNull();
    expect(sniffContentType(bytes('<?xml version="1.0"?><svg/>'))).toBeNull();
    expect(sniffContentType(bytes('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniffContentType(bytes('  %PDF-1.4'))).toBeNull();
    expect(sniffContentType(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffContentType(bytes([0x89], 'PNG'))).toBeNull();
    expect(sniffContentType(bytes('GIF8'))).toBeNull();
    expect(sniffContentType(bytes('PK', [3, 4]))).toBeNull();
    expect(sniffContentType(new Uint8Array())).toBeNull();
  });
});

describe('sanitizeFileName', () => {
  it('keeps a plain name and a matching extension', () => {
    expect(sanitizeFileName('sao kê tháng 5.pdf', 'application/pdf')).toBe('sao kê tháng 5.pdf');
    expect(sanitizeFileName('photo.JPEG', 'image/jpeg')).toBe('photo.jpeg');
  });

  it('drops folders, invisible and reserved characters, and fixes the extension to the sniffed type', () => {
    expect(sanitizeFileName('../../etc/passwd', 'image/png')).toBe('passwd.png');
    expect(sanitizeFileName('C:\\Users\\me\\scan.png', 'image/png')).toBe('scan.png');
    expect(sanitizeFileName('invoice.html', 'image/png')).toBe('invoice.html.png');
    // U+202E (right-to-left override) would show "exe.png" as "gnp.exe".
    expect(sanitizeFileName('photo\u202Egnp.exe', 'image/png')).toBe('photognp.exe.png');
    expect(sanitizeFileName('a<b>:"c|?*\u0000\n.gif', 'image/gif')).toBe('abc.gif');
    expect(sanitizeFileName('...', 'application/pdf')).toBe('file.pdf');
    expect(sanitizeFileName('', 'image/webp')).toBe('file.webp');
  });

  it('caps the length and masks a card number in the name', () => {
    const name = sanitizeFileName(`${'名'.repeat(300)}.png`, 'image/png');
    expect([...name]).toHaveLength(104);
    expect(sanitizeFileName('card 4111 1111 1111 1111.png', 'image/png')).toBe(
      'card 4111 11** **** 1111.png',
    );
  });
});

describe('contentDisposition', () => {
  it('always downloads, with the UTF-8 name and an ASCII fallback', () => {
    expect(contentDisposition('Ảnh "thẻ".png')).toBe(
      `attachment; filename="_nh _th__.png"; filename*=UTF-8''%E1%BA%A2nh%20%22th%E1%BA%BB%22.png`,
    );
    expect(contentDisposition("it's (1).pdf")).toBe(
      `attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`,
    );
  });
});
