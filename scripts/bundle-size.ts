/**
 * Sizes of the built add-in (for `npm run bench` and the production build's size budget).
 *
 * - taskpaneRaw / taskpaneGzip: every local JS file dist/taskpane.html loads (its <script src> tags and
 *   the loader's data-bundle files, office.js from the CDN excluded) and its inline scripts (the loader):
 *   what opening the task pane (the shared runtime's page) downloads. That page's bundle also registers the custom functions.
 * - functionsRaw / functionsGzip: functions.js, the custom functions on their own (the manifest's
 *   custom functions Script URL).
 * - onDemandRaw / onDemandGzip: the chunks the pane fetches only when a feature is used (every other
 *   .js file of distDir, src/taskpane/chunks.ts: `records` for reading a roster or entries, `excel` for
 *   inserting and reading the forms, `tabs` for the Import and Results tabs, `calls` for the call-centre
 *   log import, `xlsx` for reading an .xlsx log or roster), not part of opening the pane; per file in
 *   `onDemand`.
 *
 * Gzip sizes are per file at zlib level 9, summed (each file is served and compressed separately).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

export interface BundleSizes {
  taskpaneRaw: number;
  taskpaneGzip: number;
  functionsRaw: number;
  functionsGzip: number;
  /** The JS files the task pane page loads, relative to distDir, in page order. */
  files: string[];
  onDemandRaw: number;
  onDemandGzip: number;
  /** The on-demand chunks, by file name (e.g. `calls.1a2b3c4d.js`) */
  onDemand: Array<{ file: string; raw: number; gzip: number }>;
}

/** Budget for the task pane page's JS, gzip bytes. */
export const TASKPANE_GZIP_BUDGET = 150 * 1024;

export const gzipSize = (buf: Buffer): number => zlib.gzipSync(buf, { level: 9 }).length;

/**
 * The local script files an HTML page loads: src attributes that are relative or same-origin paths, and
 * the files the ES5 loader loads (its `data-bundle` attribute, space-separated; src/taskpane/loader.js).
 */
export function localScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\b(src|data-bundle)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi)) {
    for (const one of (m[2] ?? m[3] ?? m[4] ?? '').trim().split(/\s+/)) {
      if (!one || /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(one)) continue; // absolute URL (CDN office.js)
      out.push(decodeURIComponent(one.split(/[?#]/)[0].replace(/^\.?\//, '')));
    }
  }
  return out;
}

/** The code of the page's inline scripts (the loader), counted with the page's JS. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((m) => !/\bsrc\s*=/i.test(m[1]) && m[2].trim())
    .map((m) => m[2]);
}

export function bundleSizes(distDir: string): BundleSizes {
  const htmlFile = path.join(distDir, 'taskpane.html');
  if (!fs.existsSync(htmlFile)) throw new Error(`${htmlFile} does not exist: run npm run build first`);
  const html = fs.readFileSync(htmlFile, 'utf8');
  const files = localScripts(html);
  let taskpaneRaw = 0;
  let taskpaneGzip = 0;
  for (const buf of [...files.map((f) => fs.readFileSync(path.join(distDir, f))), ...inlineScripts(html).map((c) => Buffer.from(c))]) {
    taskpaneRaw += buf.length;
    taskpaneGzip += gzipSize(buf);
  }
  const functionsFile = path.join(distDir, 'functions.js');
  if (!fs.existsSync(functionsFile)) throw new Error(`${functionsFile} does not exist: run npm run build first`);
  const fbuf = fs.readFileSync(functionsFile);
  const onDemand = fs
    .readdirSync(distDir)
    .filter((f) => f.endsWith('.js') && f !== 'functions.js' && !files.includes(f))
    .sort()
    .map((file) => {
      const buf = fs.readFileSync(path.join(distDir, file));
      return { file, raw: buf.length, gzip: gzipSize(buf) };
    });
  return {
    taskpaneRaw,
    taskpaneGzip,
    functionsRaw: fbuf.length,
    functionsGzip: gzipSize(fbuf),
    files,
    onDemandRaw: onDemand.reduce((n, c) => n + c.raw, 0),
    onDemandGzip: onDemand.reduce((n, c) => n + c.gzip, 0),
    onDemand,
  };
}

if (require.main === module) {
  const dist = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'));
  const s = bundleSizes(dist);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `task pane page JS (${s.files.join(', ')}): ${kb(s.taskpaneRaw)} raw, ${kb(s.taskpaneGzip)} gzip (budget ${kb(TASKPANE_GZIP_BUDGET)})`,
  );
  console.log(`functions.js: ${kb(s.functionsRaw)} raw, ${kb(s.functionsGzip)} gzip`);
  for (const c of s.onDemand) console.log(`on demand ${c.file}: ${kb(c.raw)} raw, ${kb(c.gzip)} gzip`);
}
