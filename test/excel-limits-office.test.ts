/**
 * Excel's documented limits (src/core/excel-limits.ts) applied to what the Office.js writer inserts: the
 * whole workbook in a fresh fake Excel (test/helpers/fakeExcel.ts), read back from the fake's state
 * (cells, validations with their messages and titles, conditional formats, names with their comments,
 * print areas, heights, widths, page breaks). zh and en, =KPI.… and plain formulas, 1 and 80 agents; at
 * 500 agents zh with =KPI.… and en with plain formulas (each insertion of 500 takes ~12 s in the fake;
 * the .xlsx test covers all four at 500, and the formulas are the same model's).
 */
import { LIMITS_CASES, expectWithinLimits, specOf, viewOfOffice } from './helpers/limits';

const cases = LIMITS_CASES.filter((c) => c.n < 500 || (c.lang === 'zh' && c.mode === 'kpi') || (c.lang === 'en' && c.mode === 'plain'));

describe('the Office.js writer’s insertion is within Excel’s limits', () => {
  test.each(cases.map((c) => [c.lang, c.mode, c.n, c] as const))(
    '%s, %s formulas, %i agents',
    async (_l, _m, _n, c) => {
      const spec = specOf(c);
      expectWithinLimits(spec, await viewOfOffice(spec));
    },
    60000,
  );
});
