import { describe, expect, it } from 'vitest';
import { searchDocument } from './knowledge.service.ts';
import { foldLatin, highlight, htmlToText, markedForms, terms } from './knowledge.text.ts';

describe('search terms', () => {
  it('folds Vietnamese: with and without diacritics give the same terms', () => {
    expect(foldLatin('Thẻ tín dụng bị KHÓA, Đổi')).toBe('the tin dung bi khoa, doi');
    expect(terms('thẻ tín dụng')).toEqual(['the', 'tin', 'dung']);
    // Typed without marks, `the` is also the English article and goes as a stop word; tín dụng stays.
    expect(terms('the tin dung')).toEqual(['tin', 'dung']);
    expect(terms('Khóa thẻ tín dụng')).toEqual(['khoa', 'the', 'tin', 'dung']);
  });
  it('keeps a marked word as written beside its folded form in documents, not in queries', () => {
    expect(terms('Mất thẻ', { isDocument: true })).toEqual(['mat', 'mất', 'the', 'thẻ']);
    expect(terms('tiền mặt', { isDocument: true })).toEqual(['tien', 'tiền', 'mat', 'mặt']);
    expect(terms('Mất thẻ')).toEqual(['mat', 'the']);
    expect(markedForms('Mất thẻ ATM không')).toEqual(
      new Map([
        ['mat', 'mất'],
        ['the', 'thẻ'],
      ]),
    );
  });
  it('stems English and drops stop words', () => {
    expect(terms('Reporting the stolen cards')).toEqual(['report', 'stolen', 'card']);
  });
  it('segments Chinese with jieba (search mode) and keeps Latin runs apart', () => {
    expect(terms('信用卡丢失ATM吞卡')).toEqual(expect.arrayContaining(['信用卡', '丢失', 'atm', '吞卡']));
  });
  it('builds a weighted tsvector literal with quoted lexemes', () => {
    const doc = searchDocument({ title: "Card's PIN", tags: ['pin'], bodyText: 'pin', answer: '' });
    expect(doc.literal).toBe("'card':1A 's':2A 'pin':3A,4B,5C");
  });
});

describe('highlight', () => {
  it('marks the words a folded query matches, escaping the rest', () => {
    expect(highlight('Khóa thẻ <b>ngay</b>', new Set(terms('khoa')))).toBe(
      '<mark>Khóa</mark> thẻ &lt;b&gt;ngay&lt;/b&gt;',
    );
  });
  it('marks Chinese terms inside a run', () => {
    expect(highlight('请立即挂失信用卡', new Set(['挂失']))).toBe('请立即<mark>挂失</mark>信用卡');
  });
  it('reads the text of a sanitized body', () => {
    expect(htmlToText('<h2>A</h2><p>B &amp; C</p><ul><li>D</li></ul>')).toBe('A\nB & C\nD');
  });
});
