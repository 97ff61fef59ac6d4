import { describe, expect, it } from 'vitest';
import { checkFile, formatSize, isImage, MAX_FILE_BYTES } from './attachments.ts';
import { dictionaries } from './i18n.ts';
import type { ChatMessage } from './messages.ts';
import { buildTranscript } from './transcript.ts';

describe('checkFile', () => {
  it('lets images and PDF up to 10 MB go, and says why anything else cannot', () => {
    expect(checkFile({ size: 1000, type: 'image/png' }, true)).toBeNull();
    expect(checkFile({ size: MAX_FILE_BYTES, type: 'application/pdf' }, true)).toBeNull();
    expect(checkFile({ size: MAX_FILE_BYTES + 1, type: 'image/jpeg' }, true)).toBe('file.tooLarge');
    expect(checkFile({ size: 10, type: 'image/svg+xml' }, true)).toBe('file.type');
    expect(checkFile({ size: 10, type: 'text/html' }, true)).toBe('file.type');
    expect(checkFile({ size: 10, type: '' }, true)).toBe('file.type');
    expect(checkFile({ size: 0, type: 'image/gif' }, true)).toBe('file.empty');
    expect(checkFile({ size: 10, type: 'image/webp' }, false)).toBe('file.offline');
  });

  it('has every message it can answer in the three languages', () => {
    for (const key of ['file.tooLarge', 'file.type', 'file.empty', 'file.offline'] as const) {
      for (const dictionary of Object.values(dictionaries)) expect(dictionary[key]).toBeTruthy();
    }
  });
});

describe('formatSize', () => {
  it('shows KB under a megabyte and MB with one decimal above, in the chat language', () => {
    expect(formatSize(300, 'en')).toBe('1 KB');
    expect(formatSize(850 * 1024, 'en')).toBe('850 KB');
    expect(formatSize(2.45 * 1024 * 1024, 'en')).toBe('2.5 MB');
    expect(formatSize(2.45 * 1024 * 1024, 'vi')).toBe('2,5 MB');
  });

  it('knows images from the sniffed type', () => {
    expect(isImage({ contentType: 'image/webp' })).toBe(true);
    expect(isImage({ contentType: 'application/pdf' })).toBe(false);
  });
});

describe('transcript with files', () => {
  it('names each file and the time zone', () => {
    const at = '2026-11-22T08:30:00.000Z';
    const messages: ChatMessage[] = [
      {
        id: 'a',
        seq: 1,
        authorType: 'customer',
        kind: 'text',
        clientId: null,
        body: 'Đây là ảnh',
        createdAt: at,
      },
      {
        id: 'b',
        seq: 2,
        authorType: 'customer',
        kind: 'attachment',
        clientId: null,
        body: '',
        attachment: { id: 'f', name: 'thẻ.png', contentType: 'image/png', size: 1000 },
        createdAt: at,
      },
    ];
    const text = buildTranscript(
      messages,
      {
        title: 'Nội dung cuộc trò chuyện',
        customer: 'Bạn',
        agent: 'Nhân viên',
        system: 'Hệ thống',
        file: 'Tệp',
        timeZone: 'Giờ theo múi giờ Asia/Ho_Chi_Minh',
      },
      'Asia/Ho_Chi_Minh',
    );
    expect(text).toBe(
      'Nội dung cuộc trò chuyện\nGiờ theo múi giờ Asia/Ho_Chi_Minh\n\n' +
        '[2026-11-22 15:30] Bạn: Đây là ảnh\n[2026-11-22 15:30] Bạn: [Tệp: thẻ.png]\n',
    );
  });
});
