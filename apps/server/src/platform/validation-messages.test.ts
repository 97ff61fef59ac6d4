import { describe, expect, it } from 'vitest';
import { type SchemaError, validationDetail } from './validation-messages.ts';

const err = (
  keyword: string,
  instancePath: string,
  params: Record<string, unknown>,
  message = '',
): SchemaError => ({
  keyword,
  instancePath,
  params,
  message,
});

describe('validation messages', () => {
  it('name the field and say what is wrong in each language', () => {
    const missing = [
      err('required', '', { missingProperty: 'answers' }, "must have required property 'answers'"),
    ];
    expect(validationDetail(missing, 'body', 'en')).toBe('body.answers is required');
    expect(validationDetail(missing, 'body', 'zh-CN')).toBe('缺少必填字段 body.answers');
    expect(validationDetail(missing, 'body', 'vi')).toBe('Thiếu trường bắt buộc body.answers');
    const long = [err('maxLength', '/items/0/name', { limit: 80 })];
    expect(validationDetail(long, 'body', 'vi')).toBe('body.items.0.name chỉ được tối đa 80 ký tự');
    const type = [err('type', '/limit', { type: 'integer' })];
    expect(validationDetail(type, 'querystring', 'zh-CN')).toBe('querystring.limit 必须是整数');
  });

  it('list the allowed values of a choice between constants', () => {
    const choice = [
      err('const', '/kind', { allowedValue: 'text' }),
      err('const', '/kind', { allowedValue: 'file' }),
      err('anyOf', '/kind', {}),
    ];
    expect(validationDetail(choice, 'body', 'en')).toBe('body.kind must be one of: "text", "file"');
    expect(validationDetail(choice, 'body', 'vi')).toBe('body.kind phải là một trong: "text", "file"');
  });

  it('keep the checker’s words for a keyword without a sentence of ours', () => {
    expect(
      validationDetail([err('multipleOf', '/n', { multipleOf: 5 }, 'must be multiple of 5')], 'body', 'vi'),
    ).toBe('body.n must be multiple of 5');
  });
});
