import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { createMailParser } from './email.parse.ts';

const parser = createMailParser({ size: 2 });
afterAll(() => parser.close());

async function compose(i: number): Promise<Buffer> {
  const info = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail({
    from: 'Lê Anh <anh.le@example.vn>',
    to: 'support@bank.example',
    subject: `Sao kê ${i}`,
    text: `Gửi sao kê ${i}.`,
    html: `<p>Gửi <b>sao kê</b> ${i}.</p>`,
    attachments: [{ filename: `s${i}.pdf`, content: Buffer.from(`%PDF-1.4 ${i}`) }],
  });
  return info.message as Buffer;
}

describe('mail parsing in worker threads', () => {
  it('parses in workers, many at once, with the same result as inline', async () => {
    expect(parser.threaded()).toBe(true);
    const mails = await Promise.all(Array.from({ length: 6 }, (_, i) => compose(i)));
    const parsed = await Promise.all(mails.map((m) => parser.parse(m)));
    for (const [i, mail] of parsed.entries()) {
      expect(mail.subject).toBe(`Sao kê ${i}`);
      expect(mail.from?.value[0]?.address).toBe('anh.le@example.vn');
      expect(mail.text?.trim()).toBe(`Gửi sao kê ${i}.`);
      expect(mail.html).toContain('<b>sao kê</b>');
      expect(mail.headers.get('subject')).toBe(`Sao kê ${i}`);
      expect(Buffer.isBuffer(mail.attachments[0]?.content)).toBe(true);
      expect(mail.attachments[0]?.content.toString()).toBe(`%PDF-1.4 ${i}`);
      expect(mail.attachments[0]?.filename).toBe(`s${i}.pdf`);
    }
  });

  it('parses inline with no workers', async () => {
    const inline = createMailParser({ size: 0 });
    expect(inline.threaded()).toBe(false);
    expect((await inline.parse(await compose(9))).subject).toBe('Sao kê 9');
  });
});
