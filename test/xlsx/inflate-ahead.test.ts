/**
 * `kpi-forms score FILE` inflates the workbook's parts on libuv's threads while the command line loads
 * (src/xlsx/inflate-ahead.ts, called by bin/kpi-forms.js). What was inflated ahead is checked as the reader
 * checks what it inflates itself: the same report for a sound file, the same message for a damaged one.
 */
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { isProblem } from '../../src/core/problem';
import { SHEET_NAMES } from '../../src/templates/i18n';
import { inflateAhead } from '../../src/xlsx/inflate-ahead';
import { scoreWorkbookFile } from '../../src/xlsx/reader';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-ahead-'));
const file = path.join(dir, 'march.xlsx');
const io = { stdout: { write: () => true }, stderr: { write: () => true } };

beforeAll(async () => {
  const roster = path.join(dir, 'roster.csv');
  fs.writeFileSync(roster, 'employee_id,name,role,group\nE01,Ann,pre-sales,G1\nE02,Bob,pre-sales,G1\nE03,Cai,after-sales,G2\n');
  const entries = path.join(dir, 'entries.csv');
  fs.writeFileSync(entries, 'employee_id,code,value\nE01,A01,2\nE01,EX,80\nE03,S01,120\n');
  expect(await run(['new', '--month', '2024-03', '--roster', roster, '--entries', entries, '--out', file], io)).toBe(0);
});

/** The outcome of scoring `f`: the report, or the message of the problem it raised. */
async function outcome(f: string, ahead: boolean): Promise<unknown> {
  if (ahead) inflateAhead(f);
  try {
    return await scoreWorkbookFile(f);
  } catch (e) {
    if (!isProblem(e)) throw e;
    return { message: e.message };
  }
}

/** Where `part`'s central directory entry and stored bytes are in the zip `buf` (its name's last copy is the directory's). */
function storedAt(buf: Buffer, part: string): { central: number; data: number } {
  const central = buf.lastIndexOf(Buffer.from(part)) - 46;
  const local = buf.readUInt32LE(central + 42);
  return { central, data: local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28) };
}

test('a sound workbook: the parts inflated ahead are used (no inflating on the main thread), the same report', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object the reader's import reads through
  const spy = jest.spyOn(require('zlib') as typeof import('zlib'), 'inflateRawSync');
  const before = await outcome(file, false);
  const calls = spy.mock.calls.length;
  expect(calls).toBeGreaterThan(5);
  const after = await outcome(file, true);
  expect(spy.mock.calls.length).toBe(calls);
  spy.mockRestore();
  expect(after).toEqual(before);
  expect((before as { results: unknown[] }).results).toHaveLength(3);
});

test('a part whose deflated bytes are damaged, and one whose checksum no longer matches: the same message either way', async () => {
  const z = await JSZip.loadAsync(fs.readFileSync(file));
  const wb = await z.file('xl/workbook.xml')!.async('string');
  const rels = await z.file('xl/_rels/workbook.xml.rels')!.async('string');
  const rid = new RegExp(`<sheet [^>]*name="${SHEET_NAMES.zh.roster}"[^>]*r:id="([^"]+)"`).exec(wb)![1];
  const part = `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1]}`;
  const bytes = fs.readFileSync(file);
  const at = storedAt(bytes, part);

  // a first deflate block of the reserved type 11: not deflate data
  const garbled = Buffer.from(bytes);
  garbled[at.data] = 0xff;
  const g = path.join(dir, 'garbled.xlsx');
  fs.writeFileSync(g, garbled);
  // the directory's CRC-32 of the part changed: it inflates, but does not match
  const wrongCrc = Buffer.from(bytes);
  wrongCrc.writeUInt32LE((wrongCrc.readUInt32LE(at.central + 16) ^ 1) >>> 0, at.central + 16);
  const c = path.join(dir, 'crc.xlsx');
  fs.writeFileSync(c, wrongCrc);

  for (const [f, says] of [
    [g, 'cannot be unpacked'],
    [c, "does not match the zip's checksum"],
  ]) {
    const plain = (await outcome(f, false)) as { message: string };
    expect(plain.message).toContain(`the sheet "${SHEET_NAMES.zh.roster}" (part ${part})`);
    expect(plain.message).toContain(says);
    expect(await outcome(f, true)).toEqual(plain);
  }
});

test('a file that is missing or not a zip: inflating ahead does nothing, the reader names what is wrong', async () => {
  const missing = path.join(dir, 'nope.xlsx');
  const text = path.join(dir, 'text.xlsx');
  fs.writeFileSync(text, 'employee_id,name\n');
  for (const f of [missing, text, dir]) {
    expect(() => inflateAhead(f)).not.toThrow();
    expect(await outcome(f, true)).toEqual(await outcome(f, false));
  }
});
