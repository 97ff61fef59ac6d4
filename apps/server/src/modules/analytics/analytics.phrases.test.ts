import { describe, expect, it } from 'vitest';
import { isSuggestion, phrasesOf, withoutSubsumed } from './analytics.phrases.ts';

describe('phrases', () => {
  it('segments Chinese into words and word pairs, without stop words', () => {
    const phrases = phrasesOf('手机银行App更新后一直闪退，登录不了', 'zh-CN');
    expect(phrases).toContain('闪退');
    expect(phrases).toContain('登录');
    expect(phrases).not.toContain('一直');
    // Pairs never cross the comma.
    expect(phrases.some((p) => p.includes('闪退') && p.includes('登录'))).toBe(false);
  });
  it('takes Vietnamese syllable pairs and triples, never across a stop syllable', () => {
    const phrases = phrasesOf('Ứng dụng bị lỗi đăng nhập sau khi cập nhật', 'vi');
    expect(phrases).toEqual(expect.arrayContaining(['ứng dụng', 'lỗi đăng nhập', 'đăng nhập', 'cập nhật']));
    expect(phrases).not.toContain('dụng bị');
    expect(phrases.every((p) => p.includes(' '))).toBe(true);
  });
  it('takes English words and pairs, once per message', () => {
    const phrases = phrasesOf('The app crashes, the app crashes again after the update', 'en');
    expect(phrases.filter((p) => p === 'app crashes')).toHaveLength(1);
    expect(phrases).toContain('update');
    expect(phrases).not.toContain('the');
  });
  it('drops a phrase a longer one accounts for', () => {
    const kept = withoutSubsumed(
      new Map([
        ['lỗi đăng nhập', 90],
        ['đăng nhập', 100],
        ['ứng dụng', 300],
        ['ứng dụng chậm', 20],
      ]),
    );
    expect([...kept.keys()].sort()).toEqual(['lỗi đăng nhập', 'ứng dụng', 'ứng dụng chậm']);
  });
  it('recognises suggestions in three languages', () => {
    expect(isSuggestion('希望手机银行增加指纹登录')).toBe(true);
    expect(isSuggestion('Ngân hàng nên có thêm đăng nhập bằng vân tay')).toBe(true);
    expect(isSuggestion('You should add fingerprint sign-in')).toBe(true);
    expect(isSuggestion('My card was stolen')).toBe(false);
  });
});
