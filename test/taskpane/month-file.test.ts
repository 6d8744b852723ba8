/** @jest-environment jsdom */
/**
 * The pane reads an uploaded month workbook (xlsx-lite in the browser, office/month-cells.ts) into the same MonthBook
 * as the CLI's reader (src/xlsx/month-book.ts, ExcelJS and `score`'s checks) — the rosters with each id's cell, every
 * typed input and its cell, the records with their rows and sources, every rule cell — for an 80-agent month with
 * quarter history, group leaders, records of every status (and ids in another case), in both languages, and for a
 * merged department workbook (source columns filled).
 */
import { mergeMonthBooks } from '../../src/core/merge';
import type { MonthBook } from '../../src/core/merge';
import { mergedSpec } from '../../src/office/merge';
import { monthBookOfCells, monthCellsOfFile } from '../../src/office/month-cells';
import { readXlsxBook } from '../../src/taskpane/xlsx-lite';
import { buildWorkbook, quarterMonths } from '../../src/templates/workbook';
import type { WorkbookSpec } from '../../src/templates/model';
import { readMonthBook } from '../../src/xlsx/month-book';
import { workbookBuffer } from '../../src/xlsx/writer';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomMonth } from '../helpers/random';
import { randomRecords } from '../helpers/random-records';

jest.setTimeout(120000);

beforeAll(() => {
  // jsdom lacks TextDecoder and DecompressionStream (browsers have both); Node has them
  const g = globalThis as unknown as { TextDecoder?: unknown; DecompressionStream?: unknown };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof g.TextDecoder === 'undefined') g.TextDecoder = require('util').TextDecoder;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof g.DecompressionStream === 'undefined') g.DecompressionStream = require('stream/web').DecompressionStream;
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-month-file-'));
const MONTH = '2015-03';
const MONTHS = quarterMonths(MONTH, 'calendar');
const whole = randomMonth(
  6161,
  80,
  MONTHS.filter((m) => m !== MONTH),
);
whole.records = randomRecords(6262, whole, MONTH);
// group leaders on the roster (its optional column)
whole.agents = whole.agents.map((a) => ({ ...a, leader: a.group === 'G1' ? 'Wang' : 'Li' }));

/** Both readings of one file: the pane's and the CLI's. */
async function both(spec: WorkbookSpec, name: string): Promise<[MonthBook, MonthBook]> {
  const bytes = new Uint8Array(await workbookBuffer(spec));
  const f = path.join(dir, name);
  fs.writeFileSync(f, bytes);
  const pane = monthBookOfCells(await monthCellsOfFile(await readXlsxBook(bytes), name));
  return [pane, { ...(await readMonthBook(f)), file: name }];
}

test.each(['zh', 'en'] as const)('%s: an 80-agent month, read by the pane and by the CLI, is the same MonthBook', async (lang) => {
  const spec = buildWorkbook({ month: MONTH, ...whole, lang, mode: 'plain' });
  const [pane, cli] = await both(spec, `month-${lang}.xlsx`);
  expect(pane.agents).toHaveLength(80);
  expect(Object.keys(pane.inputs).length).toBeGreaterThan(60);
  expect(pane.records.length).toBeGreaterThan(whole.records!.length);
  expect(pane).toEqual(cli);
});

test('a merged department workbook (sources on the roster and the records) reads the same both ways', async () => {
  const half = (k: number) => {
    const ids = new Set(whole.agents.filter((_, i) => i % 2 === k).map((a) => a.id.toUpperCase()));
    const pick = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).filter(([id]) => ids.has(id.toUpperCase())));
    return {
      agents: whole.agents.filter((a) => ids.has(a.id.toUpperCase())),
      inputs: pick(whole.inputs),
      history: pick(whole.history),
      records: whole.records!.filter((r) => ids.has(r.id.toUpperCase())),
    };
  };
  const parts = await Promise.all(
    [0, 1].map(async (k) => (await both(buildWorkbook({ month: MONTH, ...half(k), lang: 'zh', mode: 'kpi' }), `part${k}.xlsx`))[0]),
  );
  const [pane, cli] = await both(mergedSpec(mergeMonthBooks(parts)), 'dept.xlsx');
  expect(new Set(pane.agents.map((a) => a.source))).toEqual(new Set(['part0.xlsx', 'part1.xlsx']));
  expect(new Set(pane.records.map((r) => r.source))).toEqual(new Set(['part0.xlsx', 'part1.xlsx']));
  expect(pane).toEqual(cli);
});
