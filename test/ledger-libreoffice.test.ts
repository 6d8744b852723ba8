/**
 * The ledger workbook as LibreOffice recalculates it (issue 10): the annual review's formulas over the ledger's
 * rows (COUNTIFS, AVERAGEIFS, SUMIFS, MAX/MIN/MATCH over the monthly totals: Excel 2016's functions) give what `ledger --format json` gives (core/ledger.ts
 * annualOf, an independent computation in JavaScript); the plans' due dates are the notice + PLAN_DAYS. And the
 * month's notice printed to one A4 page in each language (PNGs in test-output/ledger/, as docs/img/notice-*.png).
 */
import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ledgerJson } from '../src/cli/ledger';
import { buildLedgerWorkbook, buildNoticeWorkbook } from '../src/templates/ledger-book';
import { ANNUAL_COLS, ANNUAL_HEADER_ROW } from '../src/templates/sheets/annual';
import { PLANS_COLS, PLANS_HEADER_ROW } from '../src/templates/sheets/plans';
import { writeWorkbookFile } from '../src/xlsx/writer';
import { writeXlsxFile } from '../src/xlsx/fast-write';
import { SOFFICE, describeWith, recalcXlsx } from './helpers/oracles';
import { readPdf } from './helpers/pdf';
import { team } from './helpers/ledger-team';

const OUT = path.join(__dirname, '..', 'test-output', 'ledger');

describeWith('libreoffice', 'the ledger workbook in LibreOffice', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-ledger-lo-'));
  const ledger = team();
  let annual: ExcelJS.Worksheet;
  let plans: ExcelJS.Worksheet;

  beforeAll(async () => {
    for (const lang of ['zh', 'en'] as const)
      // as `close` writes it (xlsx/fast-write.ts)
      writeXlsxFile(buildLedgerWorkbook(ledger, lang, { year: 2024 }), path.join(dir, `ledger-${lang}.xlsx`), { force: true });
    const saved = recalcXlsx(path.join(dir, 'ledger-zh.xlsx'), path.join(dir, 'lo'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    annual = wb.getWorksheet('年终考评')!;
    plans = wb.getWorksheet('整改方案')!;
  }, 300000);

  const value = (ws: ExcelJS.Worksheet, r: number, c: number) => {
    const v = ws.getCell(r, c).value as unknown;
    // ExcelJS leaves `result` out of a formula whose saved value is 0
    return v && typeof v === 'object' && 'formula' in (v as object) ? ((v as { result?: unknown }).result ?? 0) : v;
  };

  test('the annual review recalculated equals ledger --format json (D15)', async () => {
    const json = await ledgerJson(ledger, 2024);
    expect(json.annual).toHaveLength(12);
    expect(json.annual.find((a) => a.id === 'E01')).toMatchObject({ months: 6, awards: 2 });
    const C = ANNUAL_COLS;
    json.annual.forEach((a, i) => {
      const r = ANNUAL_HEADER_ROW + 1 + i;
      const got = {
        id: value(annual, r, C.id),
        months: value(annual, r, C.months),
        average: value(annual, r, C.average),
        best: { month: value(annual, r, C.bestMonth), total: value(annual, r, C.best) },
        worst: { month: value(annual, r, C.worstMonth), total: value(annual, r, C.worst) },
        lastTwo: value(annual, r, C.lastTwo),
        redLines: value(annual, r, C.redLines),
        awards: value(annual, r, C.awards),
        transfers: value(annual, r, C.transfers),
        pay: value(annual, r, C.pay),
      };
      expect(got.average as number).toBeCloseTo(a.average!, 9);
      expect(got.pay as number).toBeCloseTo(a.pay, 6);
      // LibreOffice saves 15 significant digits
      expect(got.best.total as number).toBeCloseTo(a.best!.total, 9);
      expect(got.worst.total as number).toBeCloseTo(a.worst!.total, 9);
      got.best.total = a.best!.total;
      got.worst.total = a.worst!.total;
      expect({ ...got, average: 0, pay: 0 }).toEqual({
        id: a.id,
        months: a.months,
        average: 0,
        best: a.best,
        worst: a.worst,
        lastTwo: a.lastTwo,
        redLines: a.redLines,
        awards: a.awards,
        transfers: a.transfers,
        pay: 0,
      });
      // the trend: each month's total of the year
      for (let m = 1; m <= 12; m++) {
        const row = ledger.rows.find((x) => x.id === a.id && x.month === `2024-${String(m).padStart(2, '0')}`);
        const v = value(annual, r, C.trend0 + m - 1);
        if (row) expect(v as number).toBeCloseTo(row.total as number, 9);
        // no month: "" (ExcelJS reads a formula's empty text as no result)
        else expect(['', 0]).toContain(v ?? '');
      }
    });
  });

  test('the plans: due = notice + PLAN_DAYS; the one handed in says so', async () => {
    const json = await ledgerJson(ledger, 2024);
    json.plans.forEach((p, i) => {
      const r = PLANS_HEADER_ROW + 1 + i;
      expect(value(plans, r, PLANS_COLS.id)).toBe(p.id);
      const due = value(plans, r, PLANS_COLS.due) as Date;
      expect(due.toISOString().slice(0, 10)).toBe(p.due);
    });
    const i = json.plans.findIndex((p) => p.month === '2024-01' && p.id === 'E07');
    expect(value(plans, PLANS_HEADER_ROW + 1 + i, PLANS_COLS.status)).toBe('已提交');
    // every other plan is long overdue today
    expect(value(plans, PLANS_HEADER_ROW + 1 + (i === 0 ? 1 : 0), PLANS_COLS.status)).toBe('逾期');
  });

  test('the notice prints on one A4 page in each language', () => {
    fs.mkdirSync(OUT, { recursive: true });
    const files: string[] = [];
    return (async () => {
      for (const lang of ['zh', 'en'] as const) {
        const f = path.join(dir, `notice-${lang}.xlsx`);
        await writeWorkbookFile(buildNoticeWorkbook(ledger, '2024-03', lang), f, { force: true });
        files.push(f);
      }
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lo-notice-'));
      execFileSync(
        SOFFICE!,
        [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', OUT, ...files],
        {
          stdio: 'pipe',
          timeout: 300000,
          env: { ...process.env, HOME: profile },
        },
      );
      for (const lang of ['zh', 'en']) {
        const pdf = path.join(OUT, `notice-${lang}.pdf`);
        const pages = readPdf(pdf);
        expect(pages).toHaveLength(1);
        execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', pdf, path.join(OUT, `notice-${lang}`)]);
      }
    })();
  }, 300000);
});
