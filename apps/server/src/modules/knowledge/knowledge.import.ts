import { strFromU8, unzipSync } from 'fflate';
import { AppError } from '../../platform/errors.ts';
import type { ImportRow } from './knowledge.service.ts';

const invalid = (problem: string) => new AppError('KNOWLEDGE_IMPORT_INVALID', 400, undefined, { problem });

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/** CSV with a header row: locale, title, body (HTML), and optionally answer, tags (`;`), category, visibility. */
export function rowsFromCsv(text: string): ImportRow[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) throw invalid('empty file');
  const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const [locale, title, body] = [col('locale'), col('title'), col('body')];
  if (locale < 0 || title < 0 || body < 0) throw invalid('the header needs locale, title and body');
  const at = (r: string[], i: number) => (i >= 0 ? (r[i] ?? '').trim() : '');
  return rows.map((r) => ({
    locale: at(r, locale),
    title: at(r, title),
    bodyHtml: at(r, body),
    answer: at(r, col('answer')) || undefined,
    tags: at(r, col('tags'))
      .split(';')
      .map((t) => t.trim())
      .filter(Boolean),
    category: at(r, col('category')) || undefined,
    visibility: at(r, col('visibility')) || undefined,
  }));
}

const escapeText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const inline = (t: string) =>
  escapeText(t)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(.+?)\*/g, '<em>$1</em>')
    .replace(/\[([^\]]+)\]\((https:[^)\s]+)\)/g, '<a href="$2">$1</a>');

/** A small Markdown subset (headings, lists, paragraphs, bold, italic, https links) to HTML. */
export function markdownToHtml(md: string): string {
  const out: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  const close = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const line of md.split(/\r?\n/)) {
    const heading = /^(#{2,4})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (heading) {
      close();
      out.push(`<h${heading[1]?.length}>${inline(heading[2] ?? '')}</h${heading[1]?.length}>`);
    } else if (bullet || numbered) {
      const kind = bullet ? 'ul' : 'ol';
      if (list !== kind) {
        close();
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${inline((bullet ?? numbered)?.[1] ?? '')}</li>`);
    } else if (line.trim()) {
      close();
      out.push(`<p>${inline(line.trim())}</p>`);
    } else close();
  }
  close();
  return out.join('');
}

/**
 * One Markdown article: optional front matter (`locale:`, `tags:`, `category:`, `visibility:`)
 * between `---` lines, the first `# ` heading as the title, the rest as the body.
 */
export function rowFromMarkdown(text: string, fallbackLocale = 'en'): ImportRow {
  let body = text.replace(/^\uFEFF/, '');
  const meta: Record<string, string> = {};
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(body);
  if (front) {
    for (const line of (front[1] ?? '').split(/\r?\n/)) {
      const m = /^(\w+):\s*(.*)$/.exec(line);
      if (m) meta[(m[1] ?? '').toLowerCase()] = (m[2] ?? '').trim();
    }
    body = body.slice(front[0].length);
  }
  const title = /^#\s+(.+)$/m.exec(body);
  if (!title) throw invalid('a Markdown article needs a "# Title" line');
  body = body.replace(title[0], '');
  return {
    locale: meta.locale ?? fallbackLocale,
    title: (title[1] ?? '').trim(),
    bodyHtml: markdownToHtml(body),
    tags: (meta.tags ?? '')
      .split(/[;,]/)
      .map((t) => t.trim())
      .filter(Boolean),
    category: meta.category,
    visibility: meta.visibility,
  };
}

/**
 * What a zip may expand to. fflate allocates each entry's declared size and never writes past it,
 * so checking the declared sizes before expanding bounds the memory an import can take: a zip
 * bomb (a small file declaring gigabytes) is refused before anything is allocated.
 */
export const ZIP_LIMITS = { entries: 2_000, entryBytes: 2 * 1024 * 1024, totalBytes: 64 * 1024 * 1024 };

const isArticleFile = (name: string) => /\.(md|html?)$/i.test(name) && !/(^|\/)(__MACOSX|\.)/.test(name);

/** A zip of HTML pages (one article each: `<title>` or first `<h1>` is the title) and Markdown files. */
export function rowsFromZip(bytes: Uint8Array, fallbackLocale = 'en'): ImportRow[] {
  let files: Record<string, Uint8Array>;
  let entries = 0;
  let total = 0;
  try {
    // Only articles are expanded (images and other files in the zip are skipped unread).
    files = unzipSync(bytes, {
      filter: (file) => {
        if (!isArticleFile(file.name)) return false;
        entries++;
        total += file.originalSize;
        if (entries > ZIP_LIMITS.entries)
          throw invalid(`more than ${ZIP_LIMITS.entries} articles in the zip`);
        if (file.originalSize > ZIP_LIMITS.entryBytes)
          throw invalid(`${file.name} expands to more than ${ZIP_LIMITS.entryBytes / 1024 / 1024} MB`);
        if (total > ZIP_LIMITS.totalBytes)
          throw invalid(`the zip expands to more than ${ZIP_LIMITS.totalBytes / 1024 / 1024} MB`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid('not a zip file');
  }
  const rows: ImportRow[] = [];
  for (const [name, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const text = strFromU8(data);
    const locale = /(^|\/)(en|zh-CN|vi)\//.exec(name)?.[2] ?? fallbackLocale;
    if (/\.md$/i.test(name)) rows.push(rowFromMarkdown(text, locale));
    else if (/\.html?$/i.test(name)) {
      const title =
        /<title>([\s\S]*?)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1];
      const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(text)?.[1] ?? text;
      rows.push({
        locale,
        title: (title ?? name).replace(/<[^>]*>/g, '').trim(),
        bodyHtml: body.replace(/<h1[^>]*>[\s\S]*?<\/h1>/i, ''),
      });
    }
  }
  return rows;
}

export function parseImport(
  format: 'csv' | 'markdown' | 'zip',
  content: string,
  locale?: string,
): ImportRow[] {
  if (format === 'csv') return rowsFromCsv(content);
  if (format === 'markdown') return [rowFromMarkdown(content, locale)];
  return rowsFromZip(new Uint8Array(Buffer.from(content, 'base64')), locale);
}
