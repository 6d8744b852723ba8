/**
 * One language per workbook: the zh and en workbooks of the demo month (9 agents, `npm run demo`'s inputs)
 * and of a random 80-agent month (a quarter's last, so awards and transfers occur), recalculated by
 * LibreOffice, show no English word in zh and no Chinese in en. Scanned: every cell as shown (number
 * formats applied) outside hidden columns, the sheet names, each data validation's input message and error
 * alert with their titles, and the print headers and footers. Left aside: the roster's ids, names and groups
 * (data), item and rule codes (A01, PTS_A01, D4: letters with digits or underscores, or one capital), Excel's
 * error codes (#DIV/0!), and `KEPT` below.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../src/cli/main';
import { Lang } from '../src/templates/model';
import { buildWorkbook } from '../src/templates/workbook';
import { writeWorkbookFile } from '../src/xlsx/writer';
import { demoArgs } from '../scripts/demo';
import { shownSheets } from './helpers/displayed';
import { describeWith } from './helpers/oracles';
import { randomMonth } from './helpers/random';
import { randomRecords } from './helpers/random-records';

/**
 * Latin kept in a Chinese workbook, each for a reason: EX is the written test's item code (one without a
 * digit); AABCD the example of S02's rating letters in its input message; Excel, a product's name; the rules
 * sheet's metadata values (language, formula mode, quarter mode: their labels say what each means) are read
 * back by `kpi-forms score` and the add-in as they are.
 * Besides these: the workbook's defined names (PTS_A01, AWARD: the rules sheet lists them) and what was
 * entered in input cells (unlocked: rating letters, grades) are the user's codes and data.
 */
const KEPT = new Set(['EX', 'AABCD', 'Excel', 'zh', 'en', 'plain', 'kpi', 'calendar', 'rolling']);

/** Excel's error values: the same in every language of Excel. */
const EXCEL_ERRORS = /#(?:DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|NULL!)/g;

/** A code: one capital (a grade, form A), or capitals with digits or underscores (A01, S02, PTS_A01, KPI_MONTH, D4). */
const isCode = (t: string) => /^[A-Z]$/.test(t) || (/^[A-Z][A-Z0-9_]*$/.test(t) && /[\d_]/.test(t));

/** `text` with the roster's ids, names and groups taken out (longest first: a name inside another is not cut first). */
function withoutData(text: string, data: readonly string[]): string {
  let s = text;
  for (const d of data) if (d) s = s.split(d).join(' ');
  return s;
}

/** The English words of a Chinese workbook's text. */
export function latinWords(text: string, data: readonly string[]): string[] {
  const s = withoutData(text, data).replace(EXCEL_ERRORS, ' ');
  return (s.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter((t) => !isCode(t) && !KEPT.has(t));
}

/** The Chinese (and full-width) characters of an English workbook's text. */
export function cjkIn(text: string, data: readonly string[]): string[] {
  return withoutData(text, data).match(/[\u2E80-\u9FFF\u3000-\u303F\uF900-\uFAFF\uFF00-\uFFEF]/g) ?? [];
}

/** A visible string and where it is. */
interface Shown {
  where: string;
  text: string;
}

/** Every visible string of a workbook: cells as LibreOffice shows them (hidden columns left out), sheet names, validations, headers and footers. */
async function visibleStrings(file: string, shown: Map<string, string[][]>): Promise<{ strings: Shown[]; data: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Shown[] = [];
  const data: string[] = [];
  wb.worksheets.forEach((ws, i) => {
    out.push({ where: `sheet name ${i + 1}`, text: ws.name });
    const rows = shown.get(ws.name) ?? [];
    rows.forEach((cells, r) =>
      cells.forEach((text, c) => {
        if (!text.trim() || ws.getColumn(c + 1).hidden) return;
        const cell = ws.getCell(r + 1, c + 1);
        // an input cell's entry is data (rating letters, a grade): what the workbook itself shows is scanned
        if (cell.protection?.locked !== false) out.push({ where: `${ws.name}!${cell.address}`, text });
      }),
    );
    const validations = (ws as unknown as { dataValidations: { model: Record<string, Partial<ExcelJS.DataValidation>> } }).dataValidations
      .model;
    for (const [range, v] of Object.entries(validations)) {
      for (const k of ['promptTitle', 'prompt', 'errorTitle', 'error'] as const) {
        if (v[k]) out.push({ where: `${ws.name}!${range} validation ${k}`, text: String(v[k]) });
      }
      // a list's choices show in the cell's drop-down
      if (v.type === 'list') out.push({ where: `${ws.name}!${range} validation list`, text: String(v.formulae?.[0] ?? '') });
    }
    const hf = ws.headerFooter as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(hf ?? {})) if (typeof v === 'string' && v) out.push({ where: `${ws.name} ${k}`, text: v });
  });
  data.push(...((wb.definedNames as unknown as { model: Array<{ name: string }> }).model ?? []).map((n) => n.name));
  // the roster sheet's ids, names and groups (from row 3: id, name, role, group) are data, not words of the workbook
  const roster = wb.worksheets[wb.worksheets.length - 1];
  roster.eachRow((row, r) => {
    if (r >= 3) for (const c of [1, 2, 4]) data.push(String(row.getCell(c).value ?? ''));
  });
  data.sort((a, b) => b.length - a.length);
  return { strings: out, data };
}

describeWith(
  'libreoffice',
  'one language per workbook: every string a zh workbook shows is Chinese, every string an en one shows English',
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-one-lang-'));
    const cases: Array<{ name: string; lang: Lang; file: string }> = [];
    for (const lang of ['zh', 'en'] as const) {
      cases.push({ name: `demo month (9 agents), ${lang}`, lang, file: path.join(dir, `demo-${lang}.xlsx`) });
      cases.push({ name: `random 80 agents, a quarter's last month, ${lang}`, lang, file: path.join(dir, `random80-${lang}.xlsx`) });
    }
    let shown = new Map<string, Map<string, string[][]>>();
    const sheetNames = new Map<string, string[]>();

    beforeAll(async () => {
      const quiet = { stdout: { write: () => undefined }, stderr: { write: () => undefined } };
      const rm = randomMonth(8080, 80, ['2015-01', '2015-02']);
      // records of every status and some that break a rule: the records sheet shows its statuses and checks
      const records = randomRecords(8080, rm, '2015-03');
      for (const c of cases) {
        if (c.name.startsWith('demo')) {
          expect(await run([...demoArgs(c.file), '--lang', c.lang], quiet)).toBe(0);
        } else {
          const spec = buildWorkbook({
            month: '2015-03',
            agents: rm.agents,
            inputs: rm.inputs,
            records,
            history: rm.history,
            lang: c.lang,
            mode: 'plain',
          });
          await writeWorkbookFile(spec, c.file);
        }
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(c.file);
        sheetNames.set(
          c.file,
          wb.worksheets.map((ws) => ws.name),
        );
      }
      shown = shownSheets(
        cases.map((c) => c.file),
        (f) => sheetNames.get(f)!,
        path.join(dir, 'shown'),
      );
    }, 300000);

    test.each(cases.map((c, i) => [c.name, i]))('%s', async (_name, i) => {
      const c = cases[i as number];
      const { strings, data } = await visibleStrings(c.file, shown.get(c.file)!);
      expect(strings.length).toBeGreaterThan(200);
      const wrong = strings
        .map((s) => ({ ...s, found: c.lang === 'zh' ? latinWords(s.text, data) : cjkIn(s.text, data) }))
        .filter((s) => s.found.length > 0)
        .map((s) => `${s.where}: ${JSON.stringify(s.text)} (${s.found.join(' ')})`);
      expect(wrong).toEqual([]);
    });

    test('the scan sees what a user sees: the words for incomplete, award, transfer and the last two in the workbook’s language', () => {
      const texts = (lang: Lang) =>
        cases
          .filter((c) => c.lang === lang)
          .flatMap((c) => [...shown.get(c.file)!.values()].flatMap((rows) => rows.flat()))
          .join('\n');
      const zh = texts('zh');
      const en = texts('en');
      for (const word of ['未完成', '季度奖', '调岗', '是', '否', '30%', '100%']) expect(zh).toContain(word);
      for (const word of ['incomplete', 'award', 'transfer', 'Yes', 'No', '30%', '100%']) expect(en).toContain(word);
    });
  },
);

describe('the scan itself', () => {
  test('codes, data and Excel errors pass; words do not', () => {
    expect(latinWords('A01 未接听 PTS_A01 D4 S02 A EX #DIV/0! 张三 Li Si', ['Li Si'])).toEqual([]);
    expect(latinWords('后两名 TRUE incomplete award', [])).toEqual(['TRUE', 'incomplete', 'award']);
    expect(cjkIn('Rank 1 示例', ['示例'])).toEqual([]);
    expect(cjkIn('Rank\uFF081\uFF09 未完成', [])).toEqual(['\uFF08', '\uFF09', '未', '完', '成']);
  });
});
