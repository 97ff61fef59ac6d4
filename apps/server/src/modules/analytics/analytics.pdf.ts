import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { ContactReport } from '#contracts/analytics.ts';
import type { Locale } from '../../platform/i18n.ts';

/**
 * A contact report as PDF for the scheduled mail: figures, the daily series as bars and the
 * weekday × hour heatmap, all drawn as vector shapes (sharp at any zoom, a few KB), in the
 * recipients' language. Same font as the cases letter (cases.letter.ts): Noto Sans Hans from
 * @embedpdf/fonts-sc covers Chinese and Vietnamese; pdf-lib embeds only the glyphs used.
 */
const require = createRequire(import.meta.url);
let fontBytes: Buffer | null = null;
const fontFile = () => {
  const dir = path.dirname(require.resolve('@embedpdf/fonts-sc'));
  fontBytes ??= readFileSync(path.join(dir, '../fonts/NotoSansHans-Regular.otf'));
  return fontBytes;
};

const EN = {
  period: 'Period',
  filters: 'Filters',
  none: 'all contacts',
  offered: 'Offered',
  answered: 'Answered',
  abandoned: 'Abandoned',
  serviceLevel: 'Service level',
  asa: 'ASA',
  aht: 'AHT',
  csat: 'CSAT',
  abandonment: 'Abandonment',
  series: 'Offered and answered',
  heatmap: 'Offered by weekday and hour',
  byQueue: 'By queue',
  queue: 'Queue',
  days: 'Mon Tue Wed Thu Fri Sat Sun',
  generated: 'Generated',
};
type Labels = typeof EN;

const LABELS: Record<Locale, Labels> = {
  en: EN,
  'zh-CN': {
    period: '时间段',
    filters: '筛选',
    none: '全部接触',
    offered: '进线量',
    answered: '接通量',
    abandoned: '放弃量',
    serviceLevel: '服务水平',
    asa: '平均应答时间',
    aht: '平均处理时长',
    csat: '满意度',
    abandonment: '放弃率',
    series: '进线量与接通量',
    heatmap: '按星期与小时的进线量',
    byQueue: '按队列',
    queue: '队列',
    days: '周一 周二 周三 周四 周五 周六 周日',
    generated: '生成时间',
  },
  vi: {
    period: 'Khoảng thời gian',
    filters: 'Bộ lọc',
    none: 'tất cả liên hệ',
    offered: 'Tiếp nhận',
    answered: 'Đã trả lời',
    abandoned: 'Bỏ cuộc',
    serviceLevel: 'Mức phục vụ',
    asa: 'Thời gian chờ TB',
    aht: 'Thời gian xử lý TB',
    csat: 'CSAT',
    abandonment: 'Tỷ lệ bỏ cuộc',
    series: 'Tiếp nhận và đã trả lời',
    heatmap: 'Tiếp nhận theo thứ và giờ',
    byQueue: 'Theo hàng đợi',
    queue: 'Hàng đợi',
    days: 'T2 T3 T4 T5 T6 T7 CN',
    generated: 'Tạo lúc',
  },
};

/** The report's labels in a language (the mail's subject and body use them too). */
export const pdfLabels = (locale: Locale) => LABELS[locale];

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const secs = (v: number | null) => (v === null ? '—' : `${Math.round(v)} s`);

const GREY = rgb(0.45, 0.45, 0.45);
const LIGHT = rgb(0.8, 0.82, 0.86);
const BLUE = rgb(0.13, 0.4, 0.8);

export interface ReportPdfInput {
  title: string;
  report: ContactReport;
  /** Human-readable filters ("Queue: Cards"), already resolved to names. */
  filters: string[];
  locale: Locale;
  generatedAt: Date;
}

function dateIn(iso: string | Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone,
  }).format(new Date(iso));
}

/** Renders the report; A4 portrait, one page. */
export async function renderReportPdf(input: ReportPdfInput): Promise<Uint8Array> {
  const { report, locale } = input;
  const l = LABELS[locale];
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(input.title);
  doc.setLanguage(locale);
  doc.setCreator('Banyan');
  doc.setCreationDate(input.generatedAt);
  doc.setModificationDate(input.generatedAt);
  const font = await doc.embedFont(fontFile(), { subset: true });
  const page = doc.addPage([595.28, 841.89]);
  const text = (s: string, x: number, y: number, size = 9, color = rgb(0, 0, 0)) =>
    page.drawText(s, { x, y, size, font, color });
  const tz = report.timeZone;
  // The period's last day is the day before `to` (exclusive).
  const lastDay = new Date(new Date(report.to).getTime() - 1);

  let y = 800;
  text(input.title, 48, y, 16);
  y -= 20;
  text(
    `${l.period}: ${dateIn(report.from, locale, tz)} – ${dateIn(lastDay, locale, tz)} (${tz})`,
    48,
    y,
    9,
    GREY,
  );
  y -= 13;
  text(`${l.filters}: ${input.filters.length ? input.filters.join(' · ') : l.none}`, 48, y, 9, GREY);

  // Figures: two rows of four.
  const t = report.totals;
  const figures: [string, string][] = [
    [l.offered, String(t.offered)],
    [l.answered, String(t.answered)],
    [l.abandoned, String(t.abandoned)],
    [`${l.serviceLevel} (${report.thresholdSeconds} s)`, percent(t.serviceLevelOffered)],
    [l.asa, secs(t.asaSeconds)],
    [l.aht, secs(t.ahtSeconds)],
    [l.csat, percent(t.csat)],
    [l.abandonment, percent(t.abandonmentRate)],
  ];
  y -= 34;
  figures.forEach(([label, value], i) => {
    const x = 48 + (i % 4) * 125;
    const row = y - Math.floor(i / 4) * 42;
    page.drawRectangle({ x, y: row - 10, width: 117, height: 36, borderColor: LIGHT, borderWidth: 0.8 });
    text(label, x + 6, row + 15, 7.5, GREY);
    text(value, x + 6, row - 3, 13);
  });
  y -= 84;

  y = drawSeries(page, font, report, l, locale, 48, y - 10, 500, 190);
  y = drawHeatmap(page, font, report, l, 48, y - 36);
  drawByQueue(page, font, report, l, 48, y - 30);
  text(
    `${l.generated}: ${input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    48,
    30,
    7,
    GREY,
  );
  return doc.save();
}

/** Offered (light) and answered (blue) bars per bucket, with a 0 / max scale. Returns the y below. */
function drawSeries(
  page: PDFPage,
  font: PDFFont,
  report: ContactReport,
  l: Labels,
  locale: Locale,
  x: number,
  top: number,
  width: number,
  height: number,
): number {
  page.drawText(l.series, { x, y: top, size: 11, font });
  const chartTop = top - 14;
  const base = chartTop - height;
  const points = report.series;
  const max = Math.max(1, ...points.map((p) => p.offered));
  page.drawLine({
    start: { x: x + 30, y: base },
    end: { x: x + width, y: base },
    thickness: 0.6,
    color: GREY,
  });
  page.drawLine({
    start: { x: x + 30, y: base },
    end: { x: x + 30, y: chartTop },
    thickness: 0.6,
    color: GREY,
  });
  page.drawText(String(max), { x, y: chartTop - 6, size: 7, font, color: GREY });
  page.drawText('0', { x: x + 20, y: base - 2, size: 7, font, color: GREY });
  if (points.length > 0) {
    const slot = (width - 36) / points.length;
    const bar = Math.max(1, slot * 0.8);
    points.forEach((p, i) => {
      const bx = x + 34 + i * slot;
      const offered = (p.offered / max) * height;
      const answered = (p.answered / max) * height;
      if (offered > 0) page.drawRectangle({ x: bx, y: base, width: bar, height: offered, color: LIGHT });
      if (answered > 0) page.drawRectangle({ x: bx, y: base, width: bar, height: answered, color: BLUE });
    });
    // A label under the first, middle and last buckets.
    const labelled = [...new Set([0, Math.floor(points.length / 2), points.length - 1])];
    for (const i of labelled) {
      const p = points[i];
      if (!p) continue;
      page.drawText(
        new Intl.DateTimeFormat(locale, {
          month: 'numeric',
          day: 'numeric',
          ...(report.granularity === 'hour' ? { hour: '2-digit' } : {}),
          timeZone: report.timeZone,
        }).format(new Date(p.bucket)),
        { x: x + 34 + i * slot, y: base - 11, size: 7, font, color: GREY },
      );
    }
  }
  // Legend.
  page.drawRectangle({ x: x + width - 150, y: top - 1, width: 8, height: 8, color: LIGHT });
  page.drawText(l.offered, { x: x + width - 138, y: top, size: 8, font });
  page.drawRectangle({ x: x + width - 75, y: top - 1, width: 8, height: 8, color: BLUE });
  page.drawText(l.answered, { x: x + width - 63, y: top, size: 8, font });
  return base - 14;
}

/** 7 × 24 cells shaded by offered contacts. Returns the y below. */
function drawHeatmap(
  page: PDFPage,
  font: PDFFont,
  report: ContactReport,
  l: Labels,
  x: number,
  top: number,
): number {
  page.drawText(l.heatmap, { x, y: top, size: 11, font });
  const days = l.days.split(' ');
  const cell = 19;
  const max = Math.max(1, ...report.heatmap.map((h) => h.offered));
  const byKey = new Map(report.heatmap.map((h) => [`${h.weekday}:${h.hour}`, h.offered]));
  const gridTop = top - 16;
  for (let d = 1; d <= 7; d++) {
    const rowY = gridTop - d * (cell * 0.7);
    page.drawText(days[d - 1] ?? String(d), { x, y: rowY + 3, size: 7, font, color: GREY });
    for (let h = 0; h < 24; h++) {
      const v = byKey.get(`${d}:${h}`) ?? 0;
      const shade = 1 - 0.85 * (v / max);
      page.drawRectangle({
        x: x + 40 + h * cell,
        y: rowY,
        width: cell - 1.5,
        height: cell * 0.7 - 1.5,
        color: rgb(shade, shade * 0.95 + 0.05, 1),
      });
    }
  }
  const bottom = gridTop - 7 * (cell * 0.7);
  for (let h = 0; h < 24; h += 3)
    page.drawText(String(h), { x: x + 40 + h * cell + 4, y: bottom - 10, size: 7, font, color: GREY });
  return bottom - 14;
}

/** The busiest queues: name, offered, answered (at most 8 rows). */
function drawByQueue(
  page: PDFPage,
  font: PDFFont,
  report: ContactReport,
  l: Labels,
  x: number,
  top: number,
): void {
  page.drawText(l.byQueue, { x, y: top, size: 11, font });
  let y = top - 16;
  const header = [l.queue, l.offered, l.answered];
  const cols = [0, 260, 360];
  header.forEach((h, i) => {
    page.drawText(h, { x: x + (cols[i] ?? 0), y, size: 8, font, color: GREY });
  });
  y -= 4;
  page.drawLine({ start: { x, y }, end: { x: x + 460, y }, thickness: 0.5, color: LIGHT });
  for (const q of report.byQueue.slice(0, 8)) {
    y -= 12;
    page.drawText(q.name.slice(0, 48), { x, y, size: 8.5, font });
    page.drawText(String(q.offered), { x: x + 260, y, size: 8.5, font });
    page.drawText(String(q.answered), { x: x + 360, y, size: 8.5, font });
  }
}

const HOT_LABELS: Record<
  Locale,
  Record<
    'title' | 'week' | 'topic' | 'thisWeek' | 'lastWeek' | 'change' | 'rising' | 'yours' | 'none',
    string
  >
> = {
  en: {
    title: 'Weekly hot topics',
    week: 'Week from',
    topic: 'Topic',
    thisWeek: 'This week',
    lastWeek: 'Last week',
    change: 'Change',
    rising: 'rising',
    yours: 'Your topics',
    none: 'Nothing this week.',
  },
  'zh-CN': {
    title: '每周热点话题',
    week: '统计周起始',
    topic: '话题',
    thisWeek: '本周',
    lastWeek: '上周',
    change: '变化',
    rising: '上升',
    yours: '您关注的话题',
    none: '本周无数据。',
  },
  vi: {
    title: 'Chủ đề nổi bật trong tuần',
    week: 'Tuần từ',
    topic: 'Chủ đề',
    thisWeek: 'Tuần này',
    lastWeek: 'Tuần trước',
    change: 'Thay đổi',
    rising: 'tăng',
    yours: 'Chủ đề của đơn vị',
    none: 'Không có dữ liệu tuần này.',
  },
};

export const hotTopicLabels = (locale: Locale) => HOT_LABELS[locale];

export interface HotTopicsPdfInput {
  unitName: string;
  weekStart: string;
  /** The unit's own topics first, then the rest; at most 40 rows are drawn. */
  items: {
    topic: string;
    thisWeek: number;
    lastWeek: number;
    change: number | null;
    rising: boolean;
    own: boolean;
  }[];
  locale: Locale;
}

/** The weekly hot-topic report of one business unit: a table with bars, rising topics flagged. */
export async function renderHotTopicsPdf(input: HotTopicsPdfInput): Promise<Uint8Array> {
  const l = HOT_LABELS[input.locale];
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(`${l.title} · ${input.unitName}`);
  doc.setLanguage(input.locale);
  const font = await doc.embedFont(fontFile(), { subset: true });
  const page = doc.addPage([595.28, 841.89]);
  const text = (s: string, x: number, y: number, size = 9, color = rgb(0, 0, 0)) =>
    page.drawText(s, { x, y, size, font, color });
  text(`${l.title} · ${input.unitName}`, 48, 800, 16);
  text(`${l.week} ${dateIn(input.weekStart, input.locale, 'UTC')}`, 48, 780, 9, GREY);
  let y = 750;
  const cols = { topic: 48, bar: 250, thisWeek: 400, lastWeek: 450, change: 500 };
  text(l.topic, cols.topic, y, 8, GREY);
  text(l.thisWeek, cols.thisWeek, y, 8, GREY);
  text(l.lastWeek, cols.lastWeek, y, 8, GREY);
  text(l.change, cols.change, y, 8, GREY);
  y -= 6;
  page.drawLine({ start: { x: 48, y }, end: { x: 547, y }, thickness: 0.5, color: LIGHT });
  if (input.items.length === 0) text(l.none, 48, y - 16, 9);
  const max = Math.max(1, ...input.items.map((i) => Math.max(i.thisWeek, i.lastWeek)));
  let shownOwnHeader = false;
  for (const item of input.items.slice(0, 40)) {
    if (item.own && !shownOwnHeader) {
      shownOwnHeader = true;
      y -= 14;
      text(l.yours, 48, y, 9, BLUE);
    }
    y -= 16;
    if (y < 50) break;
    text(item.topic.slice(0, 30), cols.topic, y, 9);
    if (item.rising) {
      page.drawRectangle({
        x: cols.topic + 160,
        y: y - 2,
        width: 34,
        height: 11,
        color: rgb(0.85, 0.2, 0.2),
      });
      text(l.rising, cols.topic + 163, y, 7, rgb(1, 1, 1));
    }
    page.drawRectangle({
      x: cols.bar,
      y: y + 4,
      width: (item.lastWeek / max) * 140,
      height: 4,
      color: LIGHT,
    });
    page.drawRectangle({ x: cols.bar, y: y - 1, width: (item.thisWeek / max) * 140, height: 4, color: BLUE });
    text(String(item.thisWeek), cols.thisWeek, y);
    text(String(item.lastWeek), cols.lastWeek, y);
    text(
      item.change === null ? '—' : `${item.change >= 0 ? '+' : ''}${(item.change * 100).toFixed(0)} %`,
      cols.change,
      y,
    );
  }
  return doc.save();
}
