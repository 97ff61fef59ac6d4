import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { rowsFromZip, ZIP_LIMITS } from './knowledge.import.ts';

const problemOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('KNOWLEDGE_IMPORT_INVALID');
    return String((error as AppError).params.problem);
  }
  throw new Error('no error');
};

describe('knowledge import from a zip', () => {
  it('reads HTML pages and Markdown files, the locale from their folder; skips images and macOS extras', () => {
    const zip = zipSync({
      'vi/phi-atm.html': strToU8(
        '<html><head><title>Phí rút tiền ATM</title></head><body><h1>x</h1><p>3.300đ</p></body></html>',
      ),
      'zh-CN/guashi.md': strToU8('# 挂失\n\n- 拨打热线\n'),
      'en/readme.txt': strToU8('not an article'),
      'en/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      '__MACOSX/vi/._phi-atm.html': strToU8('\u0000\u0005junk'),
      'en/.hidden.md': strToU8('# Hidden'),
    });
    const rows = rowsFromZip(zip);
    expect(rows).toEqual([
      { locale: 'vi', title: 'Phí rút tiền ATM', bodyHtml: '<p>3.300đ</p>' },
      expect.objectContaining({ locale: 'zh-CN', title: '挂失', bodyHtml: '<ul><li>拨打热线</li></ul>' }),
    ]);
  });

  it('refuses a zip bomb before expanding it: a forged size, a large entry, too many entries', () => {
    // A tiny entry whose central directory claims 4 GB: refused without allocating it.
    const forged = zipSync({ 'a.html': strToU8('<p>a</p>') });
    const view = new DataView(forged.buffer, forged.byteOffset, forged.byteLength);
    let central = -1;
    for (let i = forged.length - 22; i >= 0; i--)
      if (view.getUint32(i, true) === 0x02014b50) {
        central = i;
        break;
      }
    expect(central).toBeGreaterThan(0);
    view.setUint32(central + 24, 0xfffffff0, true);
    expect(problemOf(() => rowsFromZip(forged))).toContain('a.html expands to more than 2 MB');

    // 3 MB of zeros compresses to a few kilobytes.
    const large = zipSync({ 'big.md': new Uint8Array(3 * 1024 * 1024) }, { level: 9 });
    expect(large.length).toBeLessThan(20_000);
    expect(problemOf(() => rowsFromZip(large))).toContain('big.md expands to more than 2 MB');

    const many = zipSync(
      Object.fromEntries(
        Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, i) => [`en/${i}.md`, strToU8(`# ${i}`)]),
      ),
    );
    expect(problemOf(() => rowsFromZip(many))).toContain(`more than ${ZIP_LIMITS.entries} articles`);

    // Many entries under the per-entry limit that add up past the total.
    const entry = new Uint8Array(ZIP_LIMITS.entryBytes - 1);
    const count = Math.ceil(ZIP_LIMITS.totalBytes / entry.length) + 1;
    const heavy = zipSync(Object.fromEntries(Array.from({ length: count }, (_, i) => [`${i}.md`, entry])), {
      level: 9,
    });
    expect(problemOf(() => rowsFromZip(heavy))).toContain('the zip expands to more than 64 MB');

    expect(problemOf(() => rowsFromZip(strToU8('PK not really')))).toBe('not a zip file');
  });
});
