import { describe, expect, it } from 'vitest';
import { fillHtml, inLanguage } from './email.templates.ts';

describe('template language and variables', () => {
  it('takes the variant in the language, English when it is missing or blank', () => {
    const variants = { en: 'Hello', vi: 'Xin chào', 'zh-CN': '  ' };
    expect(inLanguage(variants, 'vi')).toEqual({ text: 'Xin chào', language: 'vi' });
    expect(inLanguage(variants, 'zh-CN')).toEqual({ text: 'Hello', language: 'en' });
    expect(inLanguage(variants, 'fr')).toEqual({ text: 'Hello', language: 'en' });
    expect(inLanguage({}, 'vi')).toEqual({ text: '', language: 'en' });
  });

  it('fills variables into HTML escaped, and leaves unknown ones as written', () => {
    expect(
      fillHtml('<p>Dear {customerName}, {agentName} of {bankName} ({ticket})</p>', {
        customerName: 'Anh <script>x</script> & "co"',
        agentName: 'Lan',
        bankName: 'Banyan Bank',
      }),
    ).toBe(
      '<p>Dear Anh &lt;script&gt;x&lt;/script&gt; &amp; &quot;co&quot;, Lan of Banyan Bank ({ticket})</p>',
    );
  });
});
