import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../harness/grading/index.ts';
import { COLOR, PLAIN, renderMarkdownTerminal } from '../../harness/render/index.ts';

const SAMPLE = `# Title

Some *emphasis*, **strong** and \`code\`, with a [link](https://example.org).

## Section

- one
- two
  1. nested
  2. more

> a quote

\`\`\`text
 +--------+   log   +----------+
 | leader | ------> | follower |
 +--------+         +----------+
\`\`\`
`;

describe('markdown in the terminal', () => {
  it('renders headings, emphasis, lists, quotes and links in plain text', () => {
    expect(renderMarkdownTerminal(SAMPLE, { style: PLAIN, width: 80 })).toMatchInlineSnapshot(`
      "TITLE
      ═════

      Some _emphasis_, *strong* and \`code\`, with a link (https://example.org).

      Section
      ───────

      •  one
      •  two
         1. nested
         2. more

      │ a quote

       +--------+   log   +----------+
       | leader | ------> | follower |
       +--------+         +----------+
      "
    `);
  });

  it('styles with colour only when the style has it', () => {
    const coloured = renderMarkdownTerminal(SAMPLE, { style: COLOR, width: 80 });
    expect(coloured).toContain('\u001b[1mTITLE\u001b[22m');
    expect(coloured).toContain('\u001b[3memphasis\u001b[23m');
    expect(renderMarkdownTerminal(SAMPLE, { style: PLAIN })).not.toContain('\u001b[');
  });

  it('prints every fenced block of the chapter guide verbatim, line for line (box diagrams intact)', () => {
    const dir = join(packageRoot(), 'chapters', '06-replication');
    for (const page of ['02-single-leader.md', '05-leaderless.md', '06-advanced.md']) {
      const markdown = readFileSync(join(dir, page), 'utf8');
      const rendered = renderMarkdownTerminal(markdown, { style: PLAIN, width: 60 }).split('\n');
      const blocks = [...markdown.matchAll(/^```[a-z]*\n([^]*?)^```$/gm)].map((m) => m[1]!.replace(/\n$/, '').split('\n'));
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) {
        const at = rendered.indexOf(block[0]!);
        expect(at, `${page}: ${block[0]}`).toBeGreaterThanOrEqual(0);
        expect(rendered.slice(at, at + block.length)).toEqual(block);
      }
    }
  });

  it('wraps prose at the width', () => {
    const long = 'word '.repeat(60);
    for (const line of renderMarkdownTerminal(long, { style: PLAIN, width: 40 }).trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });
});
