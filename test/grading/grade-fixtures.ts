/**
 * Helpers for the grading tests: a copy of the fixture class in a temporary folder, zips made on the
 * fly (no binaries committed), and a tiny XML reader for JUnit files.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import yazl from 'yazl';
import { ROOT } from '../cli/run-workbook.ts';

export const CLASS = join(ROOT, 'test', 'fixtures', 'class');
export const CLASS_CONFIG = join(CLASS, 'grading.json');

/** A fresh copy of the fixture class (without its configuration), plus what `extra` adds. */
export function copyClass(extra: (dir: string) => void = () => undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'ddia-class-'));
  cpSync(CLASS, dir, { recursive: true, filter: (src) => src !== CLASS_CONFIG });
  extra(dir);
  return dir;
}

/** Zips every file under `dir` (paths relative to it) into `zipFile`. */
export async function zipFolder(dir: string, zipFile: string, rename: (path: string) => string = (p) => p): Promise<void> {
  const { readdirSync, statSync } = await import('node:fs');
  const zip = new yazl.ZipFile();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else zip.addBuffer(readFileSync(full), rename(relative(dir, full).split(sep).join('/')));
    }
  };
  walk(dir);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  writeFileSync(zipFile, Buffer.concat(chunks));
}

/**
 * A zip whose entry escapes with `..`: yazl refuses to write one, so write `xx/<name>` and patch the
 * name bytes to `../<name>` in the local and central headers (names are not covered by the CRC).
 */
export async function zipWithDotDot(zipFile: string, name: string, content: string): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(content), `xx/${name}`);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  const bytes = Buffer.concat(chunks);
  const from = Buffer.from(`xx/${name}`);
  const to = Buffer.from(`../${name}`.slice(0, from.length));
  if (to.length !== from.length) throw new Error('names must have the same length');
  let at = bytes.indexOf(from);
  while (at >= 0) {
    to.copy(bytes, at);
    at = bytes.indexOf(from, at + 1);
  }
  writeFileSync(zipFile, bytes);
}

/**
 * Rewrites entry names in a zip byte for byte (same length; names are not covered by the CRC): how
 * the tests make what yazl refuses to write, such as Windows PowerShell 5.1's backslash paths.
 */
export function patchZipNames(zipFile: string, rename: (name: string) => string, names: readonly string[]): void {
  const bytes = readFileSync(zipFile);
  for (const name of names) {
    const from = Buffer.from(name);
    const to = Buffer.from(rename(name));
    if (to.length !== from.length) throw new Error(`names must keep their length: ${name}`);
    for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + 1)) to.copy(bytes, at);
  }
  writeFileSync(zipFile, bytes);
}

/** Every file path under `dir`, relative and with `/`. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

/** Parses well-formed XML (elements, attributes, text, entities; no DTDs); throws on anything else. */
export function parseXml(xml: string): XmlElement {
  let i = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  const decode = (s: string): string =>
    s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) =>
      e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
    );
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      if (xml.slice(i).trim() !== '') throw new Error('text after the root element');
      break;
    }
    if (stack.length > 0) stack[stack.length - 1]!.text += decode(xml.slice(i, lt));
    else if (xml.slice(i, lt).trim() !== '') throw new Error('text outside the root element');
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error('unclosed tag');
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (open?.name !== tag.slice(1).trim()) throw new Error(`mismatched </${tag.slice(1)}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = /^[A-Za-z_][\w.-]*/.exec(body)?.[0];
    if (name === undefined) throw new Error(`bad tag <${tag}>`);
    const attrs: Record<string, string> = {};
    const rest = body.slice(name.length);
    const attrRe = /\s+([\w:.-]+)="([^"<]*)"/gy;
    let m: RegExpExecArray | null;
    let consumed = 0;
    while ((m = attrRe.exec(rest)) !== null) {
      attrs[m[1]!] = decode(m[2]!);
      consumed = attrRe.lastIndex;
    }
    if (rest.slice(consumed).trim() !== '') throw new Error(`bad attributes in <${tag}>`);
    const el: XmlElement = { name, attrs, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else if (root === undefined) root = el;
    else throw new Error('two root elements');
    if (!selfClosing) stack.push(el);
  }
  if (root === undefined || stack.length > 0) throw new Error('unbalanced XML');
  return root;
}
