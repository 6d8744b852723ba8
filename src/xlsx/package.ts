/**
 * Checks the zip package of an .xlsx before ExcelJS reads it, so that a damaged, truncated or foreign file
 * gets a message naming the file and the part (or the sheet, by the name the user sees) — ExcelJS itself
 * accepts a sheet part cut short and then fails with an internal exception (`Cannot set properties of
 * undefined (setting 'sheetNo')`), drops a sheet whose part is missing without a word, and reads every
 * text cell as a number when xl/sharedStrings.xml is missing.
 *
 * What is checked on every read (cheap: one native inflate of each part, ~3% of ExcelJS's read time):
 * - the zip directory (a file cut short has none), encryption, compression methods;
 * - each part unpacks and matches the zip's CRC-32;
 * - xl/workbook.xml and xl/_rels/workbook.xml.rels are well-formed XML (they are small): the sheets,
 *   their parts, the shared strings and the styles they list must be in the zip;
 * - each other XML part ExcelJS parses begins with an element and ends with that element's end tag (a
 *   second full XML parse of big sheets would cost a third of the read time).
 * When ExcelJS still fails, `diagnoseXlsx` parses the XML parts fully to name the one that is not XML.
 * Each refusal is a `Problem` (xlsx/messages.ts), worded where it is shown.
 */
import * as zlib from 'zlib';
import { createRequire } from 'module';
import { Problem } from '../core/problem';
import { Damage, NotXlsx, PartParams, X, XmlFault } from './messages';
import { XmlError, XmlScanner } from './xml-scan';
import { ZipEntry, SIG_LOCAL, dataStart, readDirectory } from './zip-dir';

/** One file in the zip, as its central directory describes it. */

/** A sheet as workbook.xml lists it, with the zip part its relationship points at. */
export interface SheetPart {
  name: string;
  part: string;
}

export interface XlsxPackage {
  file: string;
  buf: Buffer;
  entries: Map<string, ZipEntry>;
  /** the sheets of xl/workbook.xml, in order (worksheets only) */
  sheets: SheetPart[];
  /** the parts the check unpacked (all of them), so that a reader does not unpack them again */
  unpacked: Map<string, Buffer>;
}

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

/**
 * The XML parts ExcelJS parses (lib/xlsx/xlsx.js `load`); themes and media it keeps as bytes. A part that
 * ExcelJS skips may be damaged without harming the scores, so only these are checked as XML.
 */
export const PARSED_XML =
  /^(?:_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|docProps\/(?:app|core)\.xml|xl\/worksheets\/sheet\d+\.xml|xl\/worksheets\/_rels\/sheet\d+\.xml\.rels|xl\/drawings\/[A-Za-z0-9]+\.xml|xl\/drawings\/_rels\/[A-Za-z0-9]+\.xml\.rels|xl\/drawings\/vmlDrawing\d+\.vml|xl\/comments\d+\.xml|xl\/tables\/table\d+\.xml)$/;

// ---------------- messages ----------------

const notReadable = (file: string, why: NotXlsx) => new Problem(X.notXlsx, { file, ...why });

/** A part as messages name it: by the sheet it holds, if it holds one (`the sheet "表B-纪律" (part xl/worksheets/sheet3.xml)`). */
function partParams(pkg: Pick<XlsxPackage, 'file' | 'sheets'>, part: string): PartParams {
  const sheet = pkg.sheets.find((s) => s.part === part);
  return sheet ? { file: pkg.file, part, sheet: sheet.name } : { file: pkg.file, part };
}

const damagedPart = (pkg: Pick<XlsxPackage, 'file' | 'sheets'>, part: string, damage: Damage) =>
  new Problem(X.damaged, { ...partParams(pkg, part), ...damage });

/** What the first bytes of a file that is not a zip say it is. */
function notZipKind(buf: Buffer): NotXlsx {
  const starts = (...bytes: number[]) => bytes.every((b, i) => buf[i] === b);
  if (buf.length === 0) return { why: 'empty' };
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return { why: 'ole' };
  if (starts(0x25, 0x50, 0x44, 0x46)) return { why: 'pdf' };
  return { why: 'notZip' };
}

/** The kind of document a zip without xl/workbook.xml is, from its part names. */
function foreignZip(entries: Map<string, ZipEntry>): NotXlsx {
  const names = [...entries.keys()].filter((n) => !n.endsWith('/'));
  const has = (re: RegExp) => names.some((n) => re.test(n));
  if (has(/^word\//)) return { why: 'word' };
  if (has(/^ppt\//)) return { why: 'powerPoint' };
  if (names.includes('content.xml') && names.includes('mimetype')) return { why: 'openDocument' };
  if (names.length === 0) return { why: 'emptyZip' };
  return { why: 'otherZip', names: names.slice(0, 3), more: names.length > 3 };
}

// ---------------- zip ----------------

// zlib.crc32 is Node ≥ 20.15; the table is the fallback for older 20.x
let crcTable: Uint32Array | undefined;
function crc32(data: Buffer): number {
  const native = (zlib as unknown as { crc32?: (d: Buffer) => number }).crc32;
  if (native) return native(data) >>> 0;
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A part's bytes, unpacked and checked against the zip's size and CRC-32. */
function unpack(pkg: Pick<XlsxPackage, 'file' | 'buf' | 'sheets'> & Partial<Pick<XlsxPackage, 'unpacked'>>, e: ZipEntry): Buffer {
  const done = pkg.unpacked?.get(e.name);
  if (done) return done;
  const data = unpackEntry(pkg, e);
  pkg.unpacked?.set(e.name, data);
  return data;
}

/**
 * A part's bytes (unpacked by the check already, else now, and checked).
 * @throws Problem when the part is not in the zip or is damaged
 */
export function partBytes(pkg: XlsxPackage, part: string): Buffer {
  const e = pkg.entries.get(part);
  if (!e) throw damagedPart(pkg, part, { what: 'missingFromFile' });
  return unpack(pkg, e);
}

function unpackEntry(pkg: Pick<XlsxPackage, 'file' | 'buf' | 'sheets'>, e: ZipEntry): Buffer {
  const { buf } = pkg;
  const lo = e.localOffset;
  if (lo + 30 > buf.length || buf.readUInt32LE(lo) !== SIG_LOCAL) throw damagedPart(pkg, e.name, { what: 'misplaced' });
  const start = dataStart(buf, e);
  if (start < 0) throw damagedPart(pkg, e.name, { what: 'endsInside' });
  const raw = buf.subarray(start, start + e.compressedSize);
  let data: Buffer;
  if (e.method === 0) data = raw;
  else if (e.method === 8) {
    try {
      // inflated into one buffer of the size the directory gives (checked below), not 16 KB chunks then joined:
      // a records sheet of 24 MB was copied once more; a size past 512 MB is not trusted for an allocation
      data = zlib.inflateRawSync(raw, e.size > 16384 && e.size <= 2 ** 29 ? { chunkSize: e.size } : undefined);
    } catch {
      throw damagedPart(pkg, e.name, { what: 'cannotUnpack' });
    }
  } else {
    throw new Problem(X.zipMethod, { ...partParams(pkg, e.name), method: e.method });
  }
  if (data.length !== e.size || crc32(data) !== e.crc) throw damagedPart(pkg, e.name, { what: 'checksum' });
  return data;
}

// ---------------- XML ----------------

interface SaxTag {
  name: string;
  attributes: Record<string, string>;
}
interface Sax {
  on(event: 'error', f: (e: Error) => void): void;
  on(event: 'opentag', f: (t: SaxTag) => void): void;
  on(event: 'text', f: (text: string) => void): void;
  on(event: 'closetag', f: (t: SaxTag) => void): void;
  write(s: string): Sax;
  close(): Sax;
}
// the XML parser ExcelJS itself uses (a dependency of exceljs), resolved from exceljs so it is always there
let SaxesParser: (new () => Sax) | undefined;
const newParser = (): Sax => {
  SaxesParser ??= (createRequire(require.resolve('exceljs/package.json'))('saxes') as { SaxesParser: new () => Sax }).SaxesParser;
  return new SaxesParser();
};

/** Parses a whole XML part, giving its elements to the handlers; returns where and why it is not well-formed XML, or null. */
function parseXml(
  data: Buffer,
  on: { open?: (t: SaxTag) => void; text?: (s: string) => void; close?: (t: SaxTag) => void } = {},
): XmlFault | null {
  const parser = newParser();
  let error: Error | null = null;
  parser.on('error', (e) => (error ??= e));
  if (on.open) parser.on('opentag', on.open);
  if (on.text) parser.on('text', on.text);
  if (on.close) parser.on('closetag', on.close);
  try {
    parser.write(data.toString('utf8')).close();
  } catch (e) {
    error ??= e as Error;
  }
  if (!error) return null;
  const msg = (error as Error).message;
  const m = /^(\d+):(\d+): (.*)$/s.exec(msg);
  return m ? { line: Number(m[1]), column: Number(m[2]), reason: m[3].replace(/\.$/, '') } : { reason: msg.replace(/\.$/, '') };
}

interface SaxHandlers {
  open?: (t: SaxTag) => void;
  text?: (s: string) => void;
  close?: (t: SaxTag) => void;
}

/**
 * Parses a small part with the tokenizer `score` reads sheets with (loading and running saxes costs more than
 * these parts); when the tokenizer refuses it, saxes parses it again, with fresh handlers, and says where it
 * is not XML (line, column) — or reads it, when the tokenizer was stricter than XML.
 * @param handlers makes the handlers (and resets what they collect)
 */
function parseSmall(data: Buffer, handlers: () => SaxHandlers): XmlFault | null {
  try {
    const on = handlers();
    new XmlScanner(data).scan({
      open: (x) => {
        if (on.open) on.open({ name: x.name, attributes: x.attributes() });
      },
      close: (x) => on.close?.({ name: x.name, attributes: {} }),
      wantText: () => on.text !== undefined,
      text: (x, from, to, cdata) => {
        // as saxes's text event: CDATA is another event
        if (!cdata) on.text?.(x.text(from, to));
      },
    });
    return null;
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
  }
  return parseXml(data, handlers());
}

const showBytes = (b: Buffer) => [...b.subarray(0, 8)].map((x) => x.toString(16).padStart(2, '0')).join(' ');

/**
 * The light check of a big XML part: it begins with an element (after a BOM, the XML declaration and
 * comments) and ends with that element's end tag. Catches garbage and parts cut short without a parse.
 */
function lightCheck(data: Buffer): Damage | null {
  if (data.length === 0) return { what: 'empty' };
  const head = data.subarray(0, 4096).toString('utf8');
  const body = head.replace(/^\uFEFF?\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*/, '');
  const root = /^<([A-Za-z_][\w.:-]*)/.exec(body);
  if (!root) return { what: 'notXml', bytes: showBytes(data) };
  const tail = data
    .subarray(Math.max(0, data.length - 512))
    .toString('utf8')
    .trimEnd();
  const selfClosed = new RegExp(`^<${root[1].replace(/\./g, '\\.')}\\b[^<]*/>$`).test(body.trimEnd());
  if (!selfClosed && !new RegExp(`</${root[1].replace(/\./g, '\\.')}\\s*>$`).test(tail)) {
    return { what: 'xmlCutShort', root: root[1] };
  }
  return null;
}

// ---------------- the package ----------------

/** More cells than this in one defined name and ExcelJS needs seconds and hundreds of MB (1,000,000: ~1 s, ~300 MB). */
const MAX_NAME_CELLS = 1_000_000;

const colNumber = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Cells a defined name's ranges cover (its A1:B2 areas; whole rows or columns ExcelJS does not expand). */
function cellCount(ref: string): number {
  let n = 0;
  for (const m of ref.matchAll(/\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)/g)) {
    n += (Math.abs(colNumber(m[3]) - colNumber(m[1])) + 1) * (Math.abs(Number(m[4]) - Number(m[2])) + 1);
  }
  return n;
}

/** Resolves a relationship target of xl/workbook.xml to a part name. */
function resolveTarget(target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(t);
  } catch {
    // a stray % stays as written
  }
  const parts = t.startsWith('/') ? [] : ['xl'];
  for (const seg of t.replace(/^\//, '').split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/**
 * Checks an .xlsx file's package (see the module comment).
 * @param file the path, as the user gave it (messages name it so)
 * @param buf the file's bytes
 * @throws Problem naming the file and the part or sheet that is missing, cut short or not XML; or saying
 *   what the file is when it is not an .xlsx (text, an old .xls or encrypted workbook, a Word document…)
 */
export function checkXlsxPackage(file: string, buf: Buffer): XlsxPackage {
  const isZip = buf.length >= 4 && buf.readUInt32LE(0) === SIG_LOCAL;
  const entries = buf.length >= 22 ? readDirectory(buf) : null;
  if (!entries) {
    if (isZip) throw notReadable(file, { why: 'zipCutShort' });
    throw notReadable(file, notZipKind(buf));
  }
  const pkg: XlsxPackage = { file, buf, entries, sheets: [], unpacked: new Map() };
  if ([...entries.values()].some((e) => e.flags & 1)) throw notReadable(file, { why: 'encrypted' });

  if (!entries.has(WORKBOOK)) {
    if (![...entries.keys()].some((n) => n.startsWith('xl/'))) throw notReadable(file, foreignZip(entries));
    throw damagedPart(pkg, WORKBOOK, { what: 'missing' });
  }
  if (!entries.has(WORKBOOK_RELS)) throw damagedPart(pkg, WORKBOOK_RELS, { what: 'missing' });

  // the small parts that say where everything is: parsed fully
  let sheetTags: Array<{ name: string; rid: string }> = [];
  let names: Array<{ name: string; ref: string }> = [];
  let inName: { name: string; ref: string } | null = null;
  const local = (t: SaxTag) => t.name.replace(/^.*:/, '');
  const wbError = parseSmall(unpack(pkg, entries.get(WORKBOOK)!), () => {
    sheetTags = [];
    names = [];
    inName = null;
    return {
      open: (t: SaxTag) => {
        if (local(t) === 'sheet') {
          const rid = Object.entries(t.attributes).find(([k]) => /(^|:)id$/.test(k))?.[1];
          sheetTags.push({ name: t.attributes.name ?? '', rid: rid ?? '' });
        } else if (local(t) === 'definedName') names.push((inName = { name: t.attributes.name ?? '', ref: '' }));
      },
      text: (x: string) => {
        if (inName) inName.ref += x;
      },
      close: (t: SaxTag) => {
        if (local(t) === 'definedName') inName = null;
      },
    };
  });
  if (wbError) throw damagedPart(pkg, WORKBOOK, { what: 'notWellFormed', ...wbError });
  if (sheetTags.length === 0) throw damagedPart(pkg, WORKBOOK, { what: 'noSheets' });
  // ExcelJS expands each defined name into one object per cell: a name over a whole sheet runs it out of memory
  for (const n of names) {
    const cells = cellCount(n.ref);
    if (cells > MAX_NAME_CELLS) {
      throw new Problem(X.hugeName, { file, name: n.name, cells, ref: n.ref, max: MAX_NAME_CELLS });
    }
  }

  const rels = new Map<string, { type: string; part: string }>();
  const relsError = parseSmall(unpack(pkg, entries.get(WORKBOOK_RELS)!), () => {
    rels.clear();
    return {
      open: (t: SaxTag) => {
        if (local(t) !== 'Relationship' || t.attributes.TargetMode === 'External') return;
        rels.set(t.attributes.Id, { type: (t.attributes.Type ?? '').replace(/^.*\//, ''), part: resolveTarget(t.attributes.Target ?? '') });
      },
    };
  });
  if (relsError) throw damagedPart(pkg, WORKBOOK_RELS, { what: 'notWellFormed', ...relsError });
  const seen = new Map<string, string>();
  for (const s of sheetTags) {
    if (!s.name.trim()) throw damagedPart(pkg, WORKBOOK, { what: 'unnamedSheet' });
    // Excel's sheet names are unique regardless of case
    if (seen.has(s.name.toUpperCase())) throw damagedPart(pkg, WORKBOOK, { what: 'sheetTwice', name: s.name });
    seen.set(s.name.toUpperCase(), s.name);
    const rel = rels.get(s.rid);
    if (!rel) throw damagedPart(pkg, WORKBOOK_RELS, { what: 'noRelationship', rid: s.rid, name: s.name });
    const twin = pkg.sheets.find((o) => o.part === rel.part);
    if (twin) throw damagedPart(pkg, WORKBOOK_RELS, { what: 'samePart', first: twin.name, name: s.name, target: rel.part });
    if (rel.type === 'worksheet') pkg.sheets.push({ name: s.name, part: rel.part });
  }
  // the parts that change what is read; others may dangle harmlessly (ExcelJS itself lists a theme it did not write)
  for (const rel of rels.values()) {
    if (['worksheet', 'sharedStrings', 'styles'].includes(rel.type) && !entries.has(rel.part))
      throw damagedPart(pkg, rel.part, { what: 'missingFromFile' });
  }

  // every part: unpacked and checksummed (ExcelJS unpacks them all); the XML ones ExcelJS parses: light check
  for (const e of entries.values()) {
    if (e.name.endsWith('/') || e.name === WORKBOOK || e.name === WORKBOOK_RELS) continue;
    const data = unpack(pkg, e);
    if (PARSED_XML.test(e.name)) {
      const why = lightCheck(data);
      if (why) throw damagedPart(pkg, e.name, why);
    }
  }
  return pkg;
}

/**
 * Why ExcelJS could not read a package that passed `checkXlsxPackage`: the first XML part it parses that
 * is not well-formed (a full parse, only on this failure path), or else a message naming the file only.
 * Never the library's own exception text ("Cannot read properties of undefined …").
 */
export function diagnoseXlsx(pkg: XlsxPackage, error: unknown): Problem {
  for (const e of pkg.entries.values()) {
    if (!PARSED_XML.test(e.name)) continue;
    const why = parseXml(unpack(pkg, e));
    if (why) return damagedPart(pkg, e.name, { what: 'notWellFormed', ...why });
  }
  const badText = textOutOfRange(pkg);
  if (badText) return badText;
  // ExcelJS's own plain errors can say something useful; JavaScript's (TypeError…) are its internals
  const msg = error instanceof Error && error.constructor === Error ? error.message.split('\n')[0] : '';
  const useful = msg && !/undefined|null|properties of|is not a function/i.test(msg) ? msg : undefined;
  return notReadable(pkg.file, { why: 'notExcelContent', detail: useful });
}

/** A text cell (t="s") whose index is past the end of xl/sharedStrings.xml: ExcelJS fails on it without saying where. */
function textOutOfRange(pkg: XlsxPackage): Problem | null {
  const ss = pkg.entries.get('xl/sharedStrings.xml');
  let count = 0;
  if (ss) {
    parseXml(unpack(pkg, ss), {
      open: (t) => {
        if (t.name.replace(/^.*:/, '') === 'si') count++;
      },
    });
  }
  for (const sheet of pkg.sheets) {
    const e = pkg.entries.get(sheet.part);
    if (!e) continue;
    let cell: { ref: string; text: boolean } | null = null;
    let inValue = false;
    let value = '';
    let found: Problem | null = null;
    parseXml(unpack(pkg, e), {
      open: (t) => {
        const n = t.name.replace(/^.*:/, '');
        if (n === 'c') cell = { ref: t.attributes.r ?? '?', text: t.attributes.t === 's' };
        else if (n === 'v' && cell?.text) {
          inValue = true;
          value = '';
        }
      },
      text: (x) => {
        if (inValue) value += x;
      },
      close: (t) => {
        if (!inValue || t.name.replace(/^.*:/, '') !== 'v') return;
        inValue = false;
        const i = Number(value.trim());
        if (!found && cell && !(Number.isInteger(i) && i >= 0 && i < count)) {
          found = new Problem(X.textPastEnd, { file: pkg.file, sheet: sheet.name, cell: cell.ref, index: value.trim(), count });
        }
      },
    });
    if (found) return found;
  }
  return null;
}
