import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import type { Locale } from '../../platform/i18n.ts';

/**
 * The final response letter to a complainant, as PDF, in the customer's language. One font for all
 * three languages: Noto Sans Hans (SIL OFL 1.1, shipped by @embedpdf/fonts-sc) has the CJK glyphs and
 * the Vietnamese diacritics; pdf-lib embeds only the glyphs the letter uses (subset, ~50 KB).
 */
const require = createRequire(import.meta.url);
let fontBytes: Buffer | null = null;
const font = () => {
  // The package exports only its index (in dist/); the fonts sit beside it in fonts/.
  const dir = path.dirname(require.resolve('@embedpdf/fonts-sc'));
  fontBytes ??= readFileSync(path.join(dir, '../fonts/NotoSansHans-Regular.otf'));
  return fontBytes;
};

export interface LetterInput {
  bankName: string;
  number: string;
  customerName: string;
  receivedAt: Date;
  subject: string;
  resolution: string;
  rootCause: string;
  issuedAt: Date;
}

const dateIn = (d: Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    d,
  );

/** The letter's paragraphs; the template per language is data a bank's compliance team reviews. */
export function letterText(input: LetterInput, locale: Locale): { title: string; lines: string[] } {
  const received = dateIn(input.receivedAt, locale);
  const issued = dateIn(input.issuedAt, locale);
  if (locale === 'zh-CN')
    return {
      title: '投诉处理最终答复函',
      lines: [
        `${input.customerName}：`,
        `您于${received}提出的投诉（编号 ${input.number}，事由：${input.subject}）已处理完毕，现答复如下。`,
        `处理结果：${input.resolution}`,
        `原因说明：${input.rootCause}`,
        '如您对本答复仍有异议，可自收到本函之日起向我行申请复核，或依法向金融监管部门及调解组织反映。',
        `${input.bankName}　${issued}`,
      ],
    };
  if (locale === 'vi')
    return {
      title: 'Thư trả lời cuối cùng về khiếu nại',
      lines: [
        `Kính gửi Quý khách ${input.customerName},`,
        `Khiếu nại ngày ${received} của Quý khách (số ${input.number}, nội dung: ${input.subject}) đã được giải quyết như sau.`,
        `Kết quả giải quyết: ${input.resolution}`,
        `Nguyên nhân: ${input.rootCause}`,
        'Nếu chưa đồng ý với kết quả này, Quý khách có thể đề nghị xem xét lại hoặc gửi khiếu nại đến Ngân hàng Nhà nước theo quy định.',
        `${input.bankName}, ${issued}`,
      ],
    };
  return {
    title: 'Final response to your complaint',
    lines: [
      `Dear ${input.customerName},`,
      `We have completed our review of the complaint you made on ${received} (reference ${input.number}: ${input.subject}).`,
      `Outcome: ${input.resolution}`,
      `Cause: ${input.rootCause}`,
      'If you are not satisfied with this answer you may ask us to review it, or refer your complaint to the banking regulator.',
      `${input.bankName}, ${issued}`,
    ],
  };
}

/** Breaks text into lines that fit `width` points (CJK breaks anywhere, other scripts at spaces). */
function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  let line = '';
  const tokens = text.match(/[\u3000-\u9fff\uff00-\uffef]|\S+\s*|\s+/g) ?? [];
  for (const token of tokens) {
    if (line && measure(line + token) > width) {
      out.push(line.trimEnd());
      line = token.trimStart();
    } else line += token;
  }
  if (line.trim()) out.push(line.trimEnd());
  return out;
}

export async function renderLetterPdf(input: LetterInput, locale: Locale): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(`${input.number}`);
  doc.setLanguage(locale);
  const f = await doc.embedFont(font(), { subset: true });
  const page = doc.addPage([595.28, 841.89]); // A4
  const { title, lines } = letterText(input, locale);
  let y = 780;
  page.drawText(input.bankName, { x: 56, y, size: 11, font: f, color: rgb(0.3, 0.3, 0.3) });
  y -= 36;
  page.drawText(title, { x: 56, y, size: 16, font: f });
  y -= 32;
  const size = 11;
  for (const paragraph of lines) {
    for (const line of wrap(paragraph, 483, (s) => f.widthOfTextAtSize(s, size))) {
      page.drawText(line, { x: 56, y, size, font: f });
      y -= size * 1.6;
    }
    y -= size * 0.8;
  }
  return doc.save();
}
