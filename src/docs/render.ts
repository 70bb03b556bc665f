import { Marked } from 'marked';

/** A heading's anchor: lower case, words joined by hyphens (the same rule the dashboard links with). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

const marked = new Marked({
  gfm: true,
  renderer: {
    heading({ tokens, depth, text }) {
      return `<h${depth} id="${slug(text)}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
    },
    // Links between the docs open their dashboard page; other links open in place as usual.
    link({ href, tokens }) {
      const inner = this.parser.parseInline(tokens);
      const doc = /^(?:\.\/|docs\/|\.\.\/docs\/)?([\w-]+)\.md(#[\w-]+)?$/.exec(href);
      const target = doc ? `#/docs/${doc[1]}${doc[2] ? `?section=${doc[2].slice(1)}` : ''}` : href;
      return `<a href="${target.replace(/"/g, '&quot;')}">${inner}</a>`;
    },
    // Wide tables scroll inside their own box on a phone instead of widening the page.
    table(token) {
      const head = token.header.map((c) => `<th scope="col">${this.parser.parseInline(c.tokens)}</th>`);
      const body = token.rows.map(
        (row) => `<tr>${row.map((c) => `<td>${this.parser.parseInline(c.tokens)}</td>`).join('')}</tr>`,
      );
      return (
        `<div class="scroll-x" tabindex="0" role="region" aria-label="table">` +
        `<table class="data"><thead><tr>${head.join('')}</tr></thead>` +
        `<tbody>${body.join('')}</tbody></table></div>\n`
      );
    },
  },
});

/** The markdown as HTML with anchored headings, its title and its table of contents. */
export function renderDoc(markdown: string): {
  title: string;
  html: string;
  toc: Array<{ level: number; text: string; id: string }>;
} {
  const toc = [...markdown.matchAll(/^(#{2,3})\s+(.+)$/gm)].map((m) => ({
    level: m[1]!.length,
    text: m[2]!.replace(/[*`_]/g, ''),
    id: slug(m[2]!.replace(/[*`_]/g, '')),
  }));
  const title = /^#{1,3}\s+(.+)$/m.exec(markdown)?.[1]?.replace(/[*`_]/g, '') ?? 'Document';
  return { title, html: marked.parse(markdown, { async: false }), toc };
}

/** The text of a numbered section ("## 6. …" or "### 3.2 …") up to the next heading of its level or above. */
export function docSection(markdown: string, number: string): string | null {
  const lines = markdown.split('\n');
  const re = new RegExp(`^(#{2,4})\\s+${number.replace('.', '\\.')}\\.?\\s`);
  const start = lines.findIndex((l) => re.test(l));
  if (start < 0) return null;
  const level = re.exec(lines[start]!)![1]!.length;
  const end = lines.findIndex(
    (l, i) => i > start && /^(#+)\s/.test(l) && /^(#+)/.exec(l)![1]!.length <= level,
  );
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}
