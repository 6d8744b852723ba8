/**
 * What a printed page shows, read from a PDF that LibreOffice wrote: the words and their boxes (poppler's
 * `pdftotext -bbox`), each line of text as poppler lays it out (`pdftotext -layout`), and, from the page's
 * own content stream, the ruled lines (cell borders: `m … l S` strokes and thin filled rectangles) and the
 * size every piece of text is set at (`Tf`, times the text and graphics matrices).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as zlib from 'zlib';

export interface Box {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A ruled line, in poppler's coordinates (points, origin top left). */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PrintedPage {
  /** 1-based */
  number: number;
  width: number;
  height: number;
  words: Box[];
  /** the page's text, line by line, as poppler lays it out */
  lines: string[];
  rules: Rule[];
  /** the size in points of each text showing operator (`Tj`, `TJ`) of the page */
  textSizes: number[];
}

export const PDFTOTEXT = spawnSync('sh', ['-c', 'command -v pdftotext'], { encoding: 'utf8' }).stdout.trim() || null;

const decodeEntities = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function words(file: string): Array<{ width: number; height: number; words: Box[] }> {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const pages: Array<{ width: number; height: number; words: Box[] }> = [];
  for (const m of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const ws: Box[] = [];
    for (const w of m[3].matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g))
      ws.push({ x0: +w[1], y0: +w[2], x1: +w[3], y1: +w[4], text: decodeEntities(w[5]) });
    pages.push({ width: +m[1], height: +m[2], words: ws });
  }
  return pages;
}

function layoutLines(file: string): string[][] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  // pages end with a form feed
  return text.split('\f').map((p) => p.split('\n'));
}

/** The PDF's objects by number: the dictionary text and, for a stream, its bytes (inflated when Flate-encoded). */
function objects(file: string): Map<number, { dict: string; stream?: Buffer }> {
  const buf = fs.readFileSync(file);
  const s = buf.toString('latin1');
  const out = new Map<number, { dict: string; stream?: Buffer }>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endobj', start);
    const body = s.slice(start, end);
    const si = body.indexOf('stream');
    if (si >= 0 && body.startsWith('<<')) {
      const dict = body.slice(0, si);
      let from = start + si + 'stream'.length;
      if (s[from] === '\r') from++;
      if (s[from] === '\n') from++;
      const to = s.lastIndexOf('endstream', end);
      let data = buf.subarray(from, to);
      if (/\/FlateDecode/.test(dict)) data = zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
      out.set(Number(m[1]), { dict, stream: data });
    } else out.set(Number(m[1]), { dict: body });
    re.lastIndex = end;
  }
  return out;
}

type Matrix = [number, number, number, number, number, number];
const mul = (a: Matrix, b: Matrix): Matrix => [
  a[0] * b[0] + a[1] * b[2],
  a[0] * b[1] + a[1] * b[3],
  a[2] * b[0] + a[3] * b[2],
  a[2] * b[1] + a[3] * b[3],
  a[4] * b[0] + a[5] * b[2] + b[4],
  a[4] * b[1] + a[5] * b[3] + b[5],
];
const apply = (m: Matrix, x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
/** The vertical scale of a matrix (a text size through it). */
const yScale = (m: Matrix) => Math.hypot(m[2], m[3]);

/** The ruled lines and text sizes of one content stream (page coordinates, origin bottom left). */
function scan(content: string, height: number): { rules: Rule[]; textSizes: number[] } {
  const rules: Rule[] = [];
  const textSizes: number[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let size = 0;
  let path: Array<[number, number]> = [];
  const segs: Array<[[number, number], [number, number]]> = [];
  const ops: string[] = [];
  const flip = (p: number[]): [number, number] => [p[0], height - p[1]];
  // tokens: numbers, names, operators; strings and arrays skipped as single tokens
  const tokens =
    content.match(
      /\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\[(?:\((?:\\.|[^\\)])*\)|[^\]])*\]|\/[^\s/[\]()<>]+|[-+]?\d*\.?\d+|[A-Za-z'"*]+/g,
    ) ?? [];
  for (const t of tokens) {
    if (/^[-+]?\d*\.?\d+$/.test(t) || t.startsWith('/') || t.startsWith('(') || t.startsWith('<') || t.startsWith('[')) {
      ops.push(t);
      continue;
    }
    const n = (k: number) => Number(ops[ops.length - k]);
    switch (t) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? ctm;
        break;
      case 'cm':
        ctm = mul([n(6), n(5), n(4), n(3), n(2), n(1)], ctm);
        break;
      case 'BT':
        tm = [1, 0, 0, 1, 0, 0];
        break;
      case 'Tm':
        tm = [n(6), n(5), n(4), n(3), n(2), n(1)];
        break;
      case 'Tf':
        size = n(1);
        break;
      case 'Tj':
      case 'TJ':
      case "'":
      case '"':
        textSizes.push(size * yScale(tm) * yScale(ctm));
        break;
      case 'm':
        path = [flip(apply(ctm, n(2), n(1)))];
        break;
      case 'l': {
        const p = flip(apply(ctm, n(2), n(1)));
        if (path.length) segs.push([path[path.length - 1], p]);
        path.push(p);
        break;
      }
      case 're': {
        // a thin filled rectangle is a ruled line too (some writers draw borders so)
        const [x, y, w, h] = [n(4), n(3), n(2), n(1)];
        const a = flip(apply(ctm, x, y));
        const b = flip(apply(ctm, x + w, y + h));
        if (Math.abs(w) < 1.5 || Math.abs(h) < 1.5) segs.push([a, b]);
        break;
      }
      case 'S':
      case 's':
        for (const [a, b] of segs)
          rules.push({ x0: Math.min(a[0], b[0]), y0: Math.min(a[1], b[1]), x1: Math.max(a[0], b[0]), y1: Math.max(a[1], b[1]) });
        segs.length = 0;
        path = [];
        break;
      case 'f':
      case 'F':
      case 'f*':
        // only the thin rectangles of this fill are lines; a filled area's outline is not
        for (const [a, b] of segs)
          if (Math.abs(a[0] - b[0]) < 1.5 || Math.abs(a[1] - b[1]) < 1.5)
            rules.push({ x0: Math.min(a[0], b[0]), y0: Math.min(a[1], b[1]), x1: Math.max(a[0], b[0]), y1: Math.max(a[1], b[1]) });
        segs.length = 0;
        path = [];
        break;
      case 'n':
        segs.length = 0;
        path = [];
        break;
    }
    ops.length = 0;
  }
  return { rules, textSizes };
}

/** Every page of a PDF as printed. */
export function readPdf(file: string): PrintedPage[] {
  const byPage = words(file);
  const lines = layoutLines(file);
  const objs = objects(file);
  const ref = (dict: string, key: string) =>
    [...(new RegExp(`/${key}\\s*(\\[[^\\]]*\\]|\\d+ 0 R)`).exec(dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((x) => Number(x[1]));
  // pages in order: the page tree from the catalogue's /Pages
  const catalog = [...objs.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict))!;
  const pages: number[] = [];
  const walk = (num: number) => {
    const d = objs.get(num)!.dict;
    if (/\/Type\s*\/Pages/.test(d)) ref(d, 'Kids').forEach(walk);
    else pages.push(num);
  };
  ref(catalog.dict, 'Pages').forEach(walk);
  if (pages.length !== byPage.length) throw new Error(`${file}: ${pages.length} pages in the page tree, ${byPage.length} from pdftotext`);
  return pages.map((num, i) => {
    const content = ref(objs.get(num)!.dict, 'Contents')
      .map((c) => objs.get(c)!.stream!.toString('latin1'))
      .join('\n');
    const { rules, textSizes } = scan(content, byPage[i].height);
    return {
      number: i + 1,
      width: byPage[i].width,
      height: byPage[i].height,
      words: byPage[i].words,
      lines: lines[i] ?? [],
      rules,
      textSizes,
    };
  });
}
