/**
 * A server-made snippet: the server HTML-escapes the text and adds only <mark> (knowledge.text.ts
 * `highlight`), so it is rebuilt here from those two pieces instead of being injected as HTML.
 */
export function Highlighted({ html }: { html: string }) {
  const parts = html.split(/(<mark>[\s\S]*?<\/mark>)/g);
  return (
    <>
      {parts.map((part, index) => {
        const marked = part.startsWith('<mark>');
        const text = unescapeHtml(marked ? part.slice(6, -7) : part);
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder
        return marked ? <mark key={index}>{text}</mark> : <span key={index}>{text}</span>;
      })}
    </>
  );
}

const unescapeHtml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
