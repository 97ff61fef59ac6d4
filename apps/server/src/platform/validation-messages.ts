import type { Locale } from './i18n.ts';

/** What Fastify gives for one failed schema check (an Ajv error object). */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

type Say = Record<Locale, (field: string, p: Record<string, unknown>) => string>;

const TYPE_NAMES: Record<string, Record<Locale, string>> = {
  string: { en: 'text', 'zh-CN': '文本', vi: 'chuỗi ký tự' },
  number: { en: 'a number', 'zh-CN': '数字', vi: 'số' },
  integer: { en: 'a whole number', 'zh-CN': '整数', vi: 'số nguyên' },
  boolean: { en: 'true or false', 'zh-CN': 'true 或 false', vi: 'true hoặc false' },
  object: { en: 'an object', 'zh-CN': '对象', vi: 'đối tượng' },
  array: { en: 'a list', 'zh-CN': '列表', vi: 'danh sách' },
  null: { en: 'null', 'zh-CN': 'null', vi: 'null' },
};

const typeName = (type: unknown, locale: Locale) =>
  String(type)
    .split(',')
    .map((t) => TYPE_NAMES[t]?.[locale] ?? t)
    .join(' / ');

const list = (values: unknown) =>
  (Array.isArray(values) ? values : [values]).map((v) => JSON.stringify(v)).join(', ');

/** One sentence per schema keyword, in each language; `field` is the path the client sent. */
const SAY: Record<string, Say> = {
  required: {
    en: (f, p) => `${f}.${p.missingProperty} is required`,
    'zh-CN': (f, p) => `缺少必填字段 ${f}.${p.missingProperty}`,
    vi: (f, p) => `Thiếu trường bắt buộc ${f}.${p.missingProperty}`,
  },
  additionalProperties: {
    en: (f, p) => `${f}.${p.additionalProperty} is not an accepted field`,
    'zh-CN': (f, p) => `不接受字段 ${f}.${p.additionalProperty}`,
    vi: (f, p) => `Không chấp nhận trường ${f}.${p.additionalProperty}`,
  },
  type: {
    en: (f, p) => `${f} must be ${typeName(p.type, 'en')}`,
    'zh-CN': (f, p) => `${f} 必须是${typeName(p.type, 'zh-CN')}`,
    vi: (f, p) => `${f} phải là ${typeName(p.type, 'vi')}`,
  },
  minLength: {
    en: (f, p) => `${f} must be at least ${p.limit} characters long`,
    'zh-CN': (f, p) => `${f} 至少需要 ${p.limit} 个字符`,
    vi: (f, p) => `${f} phải có ít nhất ${p.limit} ký tự`,
  },
  maxLength: {
    en: (f, p) => `${f} must be at most ${p.limit} characters long`,
    'zh-CN': (f, p) => `${f} 最多 ${p.limit} 个字符`,
    vi: (f, p) => `${f} chỉ được tối đa ${p.limit} ký tự`,
  },
  minItems: {
    en: (f, p) => `${f} must have at least ${p.limit} items`,
    'zh-CN': (f, p) => `${f} 至少需要 ${p.limit} 项`,
    vi: (f, p) => `${f} phải có ít nhất ${p.limit} mục`,
  },
  maxItems: {
    en: (f, p) => `${f} must have at most ${p.limit} items`,
    'zh-CN': (f, p) => `${f} 最多 ${p.limit} 项`,
    vi: (f, p) => `${f} chỉ được tối đa ${p.limit} mục`,
  },
  minimum: {
    en: (f, p) => `${f} must be ${p.comparison} ${p.limit}`,
    'zh-CN': (f, p) => `${f} 必须 ${p.comparison} ${p.limit}`,
    vi: (f, p) => `${f} phải ${p.comparison} ${p.limit}`,
  },
  pattern: {
    en: (f) => `${f} is not in the expected format`,
    'zh-CN': (f) => `${f} 格式不正确`,
    vi: (f) => `${f} không đúng định dạng`,
  },
  format: {
    en: (f, p) => `${f} must be a valid ${p.format}`,
    'zh-CN': (f, p) => `${f} 必须是有效的 ${p.format}`,
    vi: (f, p) => `${f} phải là ${p.format} hợp lệ`,
  },
  enum: {
    en: (f, p) => `${f} must be one of: ${list(p.allowedValues)}`,
    'zh-CN': (f, p) => `${f} 必须是以下之一：${list(p.allowedValues)}`,
    vi: (f, p) => `${f} phải là một trong: ${list(p.allowedValues)}`,
  },
  uniqueItems: {
    en: (f) => `${f} must not repeat an item`,
    'zh-CN': (f) => `${f} 不能有重复项`,
    vi: (f) => `${f} không được có mục trùng lặp`,
  },
};
SAY.maximum = SAY.minimum as Say;
SAY.exclusiveMinimum = SAY.minimum as Say;
SAY.exclusiveMaximum = SAY.minimum as Say;

/**
 * The first failed check of a request, as one sentence in the caller's language, naming the field
 * (`body.name`, `querystring.limit`). A choice between constants (a TypeBox union of literals:
 * one `const` error per branch, then `anyOf`) is said as the list of allowed values. A keyword we
 * have no sentence for keeps the schema checker's own English words after the field.
 */
export function validationDetail(errors: SchemaError[], context: string, locale: Locale): string {
  const first = errors[0];
  if (!first) return context;
  const field = `${context}${first.instancePath.replace(/\//g, '.')}`;
  if (first.keyword === 'const') {
    const allowed = errors
      .filter((e) => e.keyword === 'const' && e.instancePath === first.instancePath)
      .map((e) => e.params.allowedValue);
    return (SAY.enum as Say)[locale](field, { allowedValues: allowed });
  }
  const say = SAY[first.keyword];
  return say ? say[locale](field, first.params) : `${field} ${first.message ?? ''}`.trim();
}
