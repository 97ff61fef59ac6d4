import ExcelJS from 'exceljs';
import type { ContactReport } from '#contracts/analytics.ts';
import { csvLine } from '../../platform/csv.ts';

const COLUMNS = [
  ['bucket', 'Period start'],
  ['offered', 'Offered'],
  ['answered', 'Answered'],
  ['abandoned', 'Abandoned'],
  ['shortAbandoned', 'Short abandons'],
  ['answeredWithinThreshold', 'Answered within threshold'],
  ['serviceLevelOffered', 'Service level (offered)'],
  ['serviceLevelAnswered', 'Service level (answered)'],
  ['abandonmentRate', 'Abandonment rate'],
  ['asaSeconds', 'ASA (s)'],
  ['ahtSeconds', 'AHT (s)'],
  ['csat', 'CSAT'],
  ['ratings', 'Ratings'],
  ['transfers', 'Transfers'],
] as const;

type Row = ContactReport['series'][number];

/** RFC 4180 CSV, formulas neutralised (platform/csv.ts). */
export function reportToCsv(report: ContactReport): string {
  const lines = [COLUMNS.map(([, label]) => label).join(',')];
  for (const row of report.series) lines.push(csvLine(COLUMNS.map(([key]) => row[key as keyof Row])));
  return `${lines.join('\r\n')}\r\n`;
}

/** An XLSX workbook: the series with rates as percentages, and the filters on a second sheet. */
export async function reportToXlsx(report: ContactReport, filters: Record<string, string>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Banyan';
  book.created = new Date(report.to);
  const sheet = book.addWorksheet('Contacts');
  sheet.columns = COLUMNS.map(([key, label]) => ({
    header: label,
    key,
    width: key === 'bucket' ? 22 : 14,
    style: /Rate|serviceLevel|csat/.test(key)
      ? { numFmt: '0.0%' }
      : key.endsWith('Seconds')
        ? { numFmt: '0.0' }
        : {},
  }));
  for (const row of report.series) sheet.addRow({ ...row, bucket: new Date(row.bucket) });
  sheet.addRow({ ...report.totals, bucket: 'Total' }).font = { bold: true };
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const about = book.addWorksheet('Filters');
  about.addRows([
    ['From', report.from],
    ['To', report.to],
    ['Time zone', report.timeZone],
    ['Granularity', report.granularity],
    ['Service level threshold (s)', report.thresholdSeconds],
    ['Short abandon (s)', report.shortAbandonSeconds],
    ...Object.entries(filters),
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
