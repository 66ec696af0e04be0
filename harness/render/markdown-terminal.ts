/**
 * Markdown as terminal text, from markdown-it's token stream: headings underlined, emphasis and code
 * styled (only when the style has colour), lists indented with their markers, quotes barred, links
 * followed by their target, tables aligned. Fenced and indented code blocks are printed verbatim, line
 * for line, never wrapped, so box diagrams stay intact. Prose is wrapped at `width`.
 */
import { createRequire } from 'node:module';
import type MarkdownItConstructor from 'markdown-it';

type MarkdownIt = InstanceType<typeof MarkdownItConstructor>;
import type { Style } from './style.ts';

export interface MarkdownTerminalOptions {
  readonly style: Style;
  /** Where prose wraps (code blocks never wrap). */
  readonly width?: number;
}

// Loaded on first use: markdown-it costs tens of ms, and most commands never render Markdown.
let parser: MarkdownIt | undefined;
const markdownParser = (): MarkdownIt =>
  (parser ??= new (createRequire(import.meta.url)('markdown-it') as typeof MarkdownItConstructor)({ html: false, linkify: false, typographer: false }));
type Token = ReturnType<MarkdownIt['parse']>[number];

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const visibleLength = (s: string): number => s.replace(ANSI, '').length;

/** Renders `markdown` for a terminal. */
export function renderMarkdownTerminal(markdown: string, o: MarkdownTerminalOptions): string {
  const tokens = markdownParser().parse(markdown, {});
  const width = o.width ?? 96;
  const s = o.style;
  const colour = s.bold('x') !== 'x';
  const out: string[] = [];
  /** Open lists: their kind and next number. */
  const lists: { ordered: boolean; next: number }[] = [];
  let quote = 0;
  let pendingMarker: string | undefined;
  let heading = 0;
  let table: string[][] | undefined;
  let row: string[] | undefined;

  const blank = (): void => {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  };
  const prefix = (): string => '│ '.repeat(quote);
  const indent = (): string => '   '.repeat(Math.max(0, lists.length - 1)) + (lists.length > 0 ? '   ' : '');

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    switch (t.type) {
      case 'heading_open':
        heading = Number(t.tag.slice(1));
        blank();
        break;
      case 'heading_close':
        heading = 0;
        out.push('');
        break;
      case 'paragraph_open':
      case 'paragraph_close':
        if (t.type === 'paragraph_close' && !t.hidden) blank();
        break;
      case 'inline': {
        const text = inline(t.children ?? [], s, colour);
        if (table !== undefined && row !== undefined) {
          row.push(text);
          break;
        }
        if (heading > 0) {
          const title = t.content;
          out.push(s.bold(heading === 1 ? title.toUpperCase() : title));
          out.push(s.dim((heading === 1 ? '═' : heading === 2 ? '─' : '┈').repeat(Math.min(width, visibleLength(title)))));
          break;
        }
        const first = pendingMarker !== undefined ? `${prefix()}${indent().slice(0, -3)}${pendingMarker.padEnd(3)}` : `${prefix()}${indent()}`;
        const rest = `${prefix()}${indent()}`;
        pendingMarker = undefined;
        out.push(...wrap(text, width, first, rest));
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        if (lists.length === 0) blank();
        lists.push({ ordered: t.type === 'ordered_list_open', next: Number(t.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (lists.length === 0) blank();
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1]!;
        pendingMarker = list.ordered ? `${list.next++}.` : '•';
        break;
      }
      case 'list_item_close':
        pendingMarker = undefined;
        break;
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'fence':
      case 'code_block': {
        blank();
        const lines = t.content.replace(/\n$/, '').split('\n');
        for (const line of lines) out.push(colour ? s.dim(line) : line);
        out.push('');
        break;
      }
      case 'hr':
        blank();
        out.push(s.dim('─'.repeat(Math.min(width, 40))));
        out.push('');
        break;
      case 'table_open':
        blank();
        table = [];
        break;
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        if (row !== undefined) table?.push(row);
        row = undefined;
        break;
      case 'table_close': {
        out.push(...renderTable(table ?? [], s));
        out.push('');
        table = undefined;
        break;
      }
      case 'html_block':
        out.push(...t.content.replace(/\n$/, '').split('\n'));
        break;
      default:
        break;
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

function inline(children: readonly Token[], s: Style, colour: boolean): string {
  let text = '';
  let href: string | undefined;
  let linkText = '';
  let strong = 0;
  let em = 0;
  const styled = (x: string): string => {
    let r = x;
    if (em > 0) r = colour ? `\u001b[3m${r}\u001b[23m` : r;
    if (strong > 0) r = s.bold(r);
    return r;
  };
  for (const c of children) {
    switch (c.type) {
      case 'text':
        if (href !== undefined) linkText += c.content;
        text += styled(c.content);
        break;
      case 'code_inline':
        text += colour ? s.warn(c.content) : `\`${c.content}\``;
        break;
      case 'strong_open':
        strong++;
        if (!colour) text += '*';
        break;
      case 'strong_close':
        strong--;
        if (!colour) text += '*';
        break;
      case 'em_open':
        em++;
        if (!colour) text += '_';
        break;
      case 'em_close':
        em--;
        if (!colour) text += '_';
        break;
      case 'link_open':
        href = String(c.attrGet('href') ?? '');
        linkText = '';
        break;
      case 'link_close':
        if (href !== undefined && href !== linkText) text += s.dim(` (${href})`);
        href = undefined;
        break;
      case 'softbreak':
        text += ' ';
        break;
      case 'hardbreak':
        text += '\n';
        break;
      case 'image':
        text += `[image: ${c.content}]`;
        break;
      default:
        text += c.content;
    }
  }
  return text;
}

/** Wraps at spaces by visible width; the first line gets `first` before it, the others `rest`. */
function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = lines.length === 0 ? first : rest;
    let empty = true;
    for (const word of paragraph.split(/ +/)) {
      if (word === '') continue;
      if (!empty && visibleLength(line) + 1 + visibleLength(word) > width) {
        lines.push(line);
        line = rest + word;
      } else line = empty ? line + word : `${line} ${word}`;
      empty = false;
    }
    lines.push(line);
  }
  return lines;
}

function renderTable(rows: readonly string[][], s: Style): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  const line = (r: readonly string[]): string => r.map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell))).join('  ').trimEnd();
  const [head, ...body] = rows;
  if (head === undefined) return [];
  return [s.bold(line(head)), s.dim(widths.map((w) => '─'.repeat(w)).join('  ')), ...body.map(line)];
}
