import sanitizeHtml from 'sanitize-html';

/** Where uploaded article images are served; the only image source a body may use. */
export const IMAGE_PATH = /^\/api\/v1\/knowledge\/images\/[0-9a-f-]{36}$/;

/**
 * The stored form of an article body: headings, lists, tables, images and links only. Removed:
 * script and style (with their content), every event handler and style attribute, `javascript:`
 * and `data:` URLs, and external resources (an image from anywhere but our own upload path would
 * let a third party see who reads the article), iframes, objects, forms.
 */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'h2',
      'h3',
      'h4',
      'p',
      'br',
      'hr',
      'strong',
      'b',
      'em',
      'i',
      'u',
      's',
      'code',
      'pre',
      'blockquote',
      'ul',
      'ol',
      'li',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'a',
      'img',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'target'],
      img: ['src', 'alt'],
      th: ['colspan', 'rowspan'],
      td: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template'],
    exclusiveFilter: (frame) => frame.tag === 'img' && !IMAGE_PATH.test(frame.attribs.src ?? ''),
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, rel: 'noopener noreferrer', target: '_blank' },
      }),
    },
  });
}
