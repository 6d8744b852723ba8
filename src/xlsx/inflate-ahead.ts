/**
 * `kpi-forms score FILE`: the workbook's parts inflated on libuv's threads while the command line itself
 * loads and initialises (bin/kpi-forms.js calls `inflateAhead` before loading cli/dist/main.js; on a 2-core
 * machine the second core unpacks megabytes of XML meanwhile). Built on its own (cli/dist/inflate-ahead.js)
 * and handed over through a global symbol, since main.js holds its own copy of this module. Never throws and
 * never judges: the reader reads the file itself when nothing was inflated ahead, and checks what was (sizes,
 * checksums, every message) exactly as it checks what it inflates.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { dataStart, readDirectory } from './zip-dir';

const KEY = Symbol.for('kpi-forms.inflate-ahead');

interface Ahead {
  file: string;
  buf: Buffer;
  /** by local header offset: the entry's bytes, or null where inflating failed */
  parts: Promise<Map<number, Buffer | null>>;
}

const slot = globalThis as unknown as { [KEY]?: Ahead };

/** Reads `file` and starts inflating its deflated entries. */
export function inflateAhead(file: string): void {
  try {
    const buf = fs.readFileSync(file);
    const entries = readDirectory(buf);
    if (!entries) return;
    const jobs: Array<Promise<[number, Buffer | null]>> = [];
    for (const e of entries.values()) {
      const start = e.method === 8 ? dataStart(buf, e) : -1;
      if (start < 0) continue;
      const raw = buf.subarray(start, start + e.compressedSize);
      jobs.push(new Promise((resolve) => zlib.inflateRaw(raw, (err, data) => resolve([e.localOffset, err ? null : data]))));
    }
    slot[KEY] = { file: path.resolve(file), buf, parts: Promise.all(jobs).then((done) => new Map(done)) };
  } catch {
    // the reader reads the file and names what is wrong with it
  }
}

/** What `inflateAhead` did for `file` (taken once), or undefined. */
export async function takeInflated(file: string): Promise<{ buf: Buffer; parts: Map<number, Buffer | null> } | undefined> {
  const ahead = slot[KEY];
  if (!ahead || ahead.file !== path.resolve(file)) return undefined;
  delete slot[KEY];
  return { buf: ahead.buf, parts: await ahead.parts };
}
