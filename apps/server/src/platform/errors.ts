import { defineMessages } from './i18n.ts';

/**
 * The one application error. `code` is stable (MODULE_REASON) and documented; the user-facing
 * message is looked up by code in the caller's language when the response is written.
 */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    public readonly status: number,
    message?: string,
    public readonly params: Record<string, string | number> = {},
    public readonly details?: Record<string, unknown>,
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
}

export const notFound = (code: string, params?: Record<string, string | number>) =>
  new AppError(code, 404, undefined, params);
export const conflict = (code: string, params?: Record<string, string | number>) =>
  new AppError(code, 409, undefined, params);
export const forbidden = (code = 'AUTH_FORBIDDEN') => new AppError(code, 403);

/** Translates a unique violation on a known constraint into a domain error; rethrows anything else. */
export function translateUniqueViolation(error: unknown, byConstraint: Record<string, string>): never {
  const pgError = findPgError(error);
  if (pgError?.code === '23505' && pgError.constraint && byConstraint[pgError.constraint]) {
    throw conflict(byConstraint[pgError.constraint] as string);
  }
  throw error;
}

/** The driver error is a unique violation of `constraint` (to recover from a lost race). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = findPgError(error);
  return pgError?.code === '23505' && pgError.constraint === constraint;
}

function findPgError(error: unknown): { code?: string; constraint?: string } | null {
  let current = error as { code?: string; constraint?: string; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string' && current.code.length === 5) return current;
    current = current.cause as typeof current;
  }
  return null;
}

defineMessages({
  VALIDATION_FAILED: {
    en: 'The request is not valid: {detail}',
    'zh-CN': '请求无效：{detail}',
    vi: 'Yêu cầu không hợp lệ: {detail}',
  },
  INTERNAL_ERROR: {
    en: 'Something went wrong on our side. Quote request {requestId} to support.',
    'zh-CN': '系统出现错误。请向技术支持提供请求编号 {requestId}。',
    vi: 'Hệ thống gặp lỗi. Vui lòng cung cấp mã yêu cầu {requestId} cho bộ phận hỗ trợ.',
  },
  NOT_FOUND: {
    en: 'This address does not exist.',
    'zh-CN': '该地址不存在。',
    vi: 'Địa chỉ này không tồn tại.',
  },
  PAYLOAD_TOO_LARGE: {
    en: 'The request is too large.',
    'zh-CN': '请求内容过大。',
    vi: 'Yêu cầu quá lớn.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    en: 'This content type is not supported.',
    'zh-CN': '不支持该内容类型。',
    vi: 'Không hỗ trợ kiểu nội dung này.',
  },
  RATE_LIMITED: {
    en: 'Too many requests. Please wait a moment and try again.',
    'zh-CN': '请求过于频繁，请稍后再试。',
    vi: 'Quá nhiều yêu cầu. Vui lòng đợi một lát rồi thử lại.',
  },
  SERVICE_UNAVAILABLE: {
    en: 'The service is starting or unavailable. Please try again shortly.',
    'zh-CN': '服务正在启动或暂不可用，请稍后再试。',
    vi: 'Dịch vụ đang khởi động hoặc tạm thời không khả dụng. Vui lòng thử lại sau.',
  },
});
