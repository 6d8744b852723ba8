/**
 * templates/layout.ts restates where the sheet modules put each agent's input and result cells, so that
 * `score` need not build the workbook: it must give exactly `buildWorkbook`'s layout (every cell, and the
 * order of the keys, which orders the reader's problems and mismatches) and sheet names, for every shape of
 * roster, both languages, both quarter modes and each month of a quarter.
 */
import { DEFAULT_RULES } from '../../src/core/rules';
import { workbookLayout } from '../../src/templates/layout';
import { Agent } from '../../src/templates/model';
import { buildWorkbook } from '../../src/templates/workbook';
import { randomMonth } from '../helpers/random';

/** A layout with the order of its keys kept (toEqual ignores it). */
const ordered = (x: unknown) => JSON.stringify(x);

function expectSame(month: string, agents: Agent[], lang: 'zh' | 'en', quarterMode: 'calendar' | 'rolling'): void {
  const rules = { ...DEFAULT_RULES, quarterMode };
  const spec = buildWorkbook({ month, agents, lang, rules });
  const got = workbookLayout({ month, agents, lang, rules });
  expect(got.sheets).toEqual(spec.sheets.map((s) => ({ name: s.name })));
  expect(got.layout).toEqual(spec.layout);
  expect(ordered(got.layout)).toBe(ordered(spec.layout));
}

const roster = (roles: string): Agent[] =>
  [...roles].map((c, i) => ({ id: `E${i + 1}`, name: `n${i}`, role: c === 'p' ? 'pre-sales' : 'after-sales', group: 'G' }));

describe('the layout without the workbook', () => {
  test.each(['', 'p', 'a', 'pa', 'ap', 'ppp', 'aaa', 'papapaap', 'aaaaap', 'pppppa'])(
    'roster %j: as buildWorkbook lays it out',
    (roles) => {
      for (const lang of ['zh', 'en'] as const) expectSame('2024-03', roster(roles), lang, 'calendar');
    },
  );

  test.each(['2024-01', '2024-02', '2024-03', '2024-11'])('month %s (its place in the quarter, both quarter modes)', (month) => {
    for (const mode of ['calendar', 'rolling'] as const) expectSame(month, roster('papaap'), 'zh', mode);
  });

  test('random rosters of up to 80 agents', () => {
    for (const [seed, n] of [
      [1, 80],
      [2, 17],
      [3, 40],
    ] as const) {
      expectSame('2015-03', randomMonth(seed, n, []).agents, seed % 2 ? 'zh' : 'en', 'calendar');
    }
  });

  test('a bad month is refused, as buildWorkbook refuses it', () => {
    expect(() => buildWorkbook({ month: '2024-13', agents: roster('pa') })).toThrow();
    expect(() => workbookLayout({ month: '2024-13', agents: roster('pa') })).toThrow();
  });
});
