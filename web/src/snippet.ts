/** Search snippets from the API, read as text: kept apart from the app's modules so it can be tested alone. */

export interface SnippetPart {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * A search snippet (escaped text whose only tags are <mark>) as plain text parts, so React renders it as
 * text: nothing of the document's content is ever parsed as HTML. Any other tag-like text stays literal.
 */
export function snippetParts(html: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let mark = false;
  for (const piece of html.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') mark = true;
    else if (piece === '</mark>') mark = false;
    else if (piece) parts.push({ text: piece.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e), mark });
  }
  return parts;
}
