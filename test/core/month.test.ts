/** core/month.ts: the month `YYYY-MM`, its one message, its neighbours and the quarter window (D10), worked by hand. */
import { MESSAGES, Problem } from '../../src/core/problem';
import {
  MONTH_MESSAGES,
  addMonths,
  isMonth,
  monthMessage,
  monthParts,
  nextMonth,
  previousMonth,
  quarterMonths,
  toMonth,
} from '../../src/core/month';
import { buildWorkbook } from '../../src/templates/workbook';
import { englishIn } from '../helpers/zh-words';

/** What a text that is not a month throws: the one month problem, whose action in the pane is `month`. */
const NOT_MONTH = expect.objectContaining({ code: 'month.notMonth', act: 'month' });

describe('isMonth / toMonth: YYYY-MM with a month 01–12', () => {
  test('months and non-months', () => {
    for (const ok of ['2024-01', '2024-12', '1999-10', '0000-01', '9999-12']) expect(isMonth(ok)).toBe(true);
    for (const bad of [
      '2024-00',
      '2024-13',
      '2024-3',
      '24-03',
      '2024-03-01',
      '2024/03',
      ' 2024-03',
      '２０２４-03',
      '',
      null,
      undefined,
      202403,
    ])
      expect(isMonth(bad)).toBe(false);
  });

  test('toMonth trims the spaces around a month; anything else is the one month problem', () => {
    expect(toMonth(' 2024-03 ')).toBe('2024-03');
    expect(() => toMonth('2024-13')).toThrow(Problem);
    expect(() => toMonth('2024-13')).toThrow(NOT_MONTH);
    expect(() => toMonth('2024-13')).toThrow('month "2024-13" must be a month YYYY-MM (e.g. 2024-03): there is no month 13');
    expect(() => toMonth('2024-3', '--month')).toThrow(/^--month "2024-3" must be a month YYYY-MM \(e\.g\. 2024-03\)$/);
  });
});

describe('monthMessage', () => {
  test('names the source and the text as given; a month number that does not exist is said', () => {
    expect(monthMessage('2024-13', '--month')).toBe('--month "2024-13" must be a month YYYY-MM (e.g. 2024-03): there is no month 13');
    expect(monthMessage('2024-00', 'a.xlsx KPI_MONTH')).toBe(
      'a.xlsx KPI_MONTH "2024-00" must be a month YYYY-MM (e.g. 2024-03): there is no month 0',
    );
    expect(monthMessage(' 2024-3 ', '--month')).toBe('--month " 2024-3 " must be a month YYYY-MM (e.g. 2024-03)');
    expect(monthMessage(undefined)).toBe('month "" must be a month YYYY-MM (e.g. 2024-03)');
  });
});

describe('neighbours', () => {
  test('next and previous across a new year', () => {
    expect(nextMonth('2024-03')).toBe('2024-04');
    expect(nextMonth('2024-12')).toBe('2025-01');
    expect(previousMonth('2025-01')).toBe('2024-12');
    expect(previousMonth('2024-10')).toBe('2024-09');
  });

  test('addMonths by more than a year, both ways', () => {
    // 2024-03 − 12 = 2023-03, − 3 more = 2022-12; 2024-03 + 24 = 2026-03, + 1 more = 2026-04
    expect(addMonths('2024-03', -15)).toBe('2022-12');
    expect(addMonths('2024-03', 25)).toBe('2026-04');
    expect(addMonths('2024-03', 0)).toBe('2024-03');
  });

  test('no month outside the years 0000–9999, no fraction of a month, no non-month', () => {
    expect(() => previousMonth('0000-01')).toThrow(RangeError);
    expect(() => nextMonth('9999-12')).toThrow(RangeError);
    expect(() => addMonths('2024-03', 0.5)).toThrow(RangeError);
    expect(() => nextMonth('2024-13')).toThrow(NOT_MONTH);
  });

  test('monthParts', () => {
    expect(monthParts('2024-07')).toEqual({ year: 2024, month: 7 });
    expect(() => monthParts('2024-7')).toThrow('month "2024-7" must be a month YYYY-MM');
    // a month from code is exact: spaces are trimmed only by toMonth, from what a user typed
    expect(() => monthParts(' 2024-07')).toThrow(NOT_MONTH);
    expect(() => quarterMonths('2024-07 ', 'calendar')).toThrow(NOT_MONTH);
  });
});

describe('quarterMonths (D10)', () => {
  test('calendar: the quarter the month is in, wherever it is in it', () => {
    expect(quarterMonths('2024-01', 'calendar')).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(quarterMonths('2024-03', 'calendar')).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(quarterMonths('2024-05', 'calendar')).toEqual(['2024-04', '2024-05', '2024-06']);
    expect(quarterMonths('2024-09', 'calendar')).toEqual(['2024-07', '2024-08', '2024-09']);
    expect(quarterMonths('2024-12', 'calendar')).toEqual(['2024-10', '2024-11', '2024-12']);
  });

  test('rolling: the month and the two before it, across a new year', () => {
    expect(quarterMonths('2024-05', 'rolling')).toEqual(['2024-03', '2024-04', '2024-05']);
    expect(quarterMonths('2024-02', 'rolling')).toEqual(['2023-12', '2024-01', '2024-02']);
    expect(quarterMonths('2024-01', 'rolling')).toEqual(['2023-11', '2023-12', '2024-01']);
  });

  test('not a month: the month problem', () => {
    expect(() => quarterMonths('2024-13', 'calendar')).toThrow(NOT_MONTH);
  });
});

test('buildWorkbook refuses a text that is not a month, with the one month message', () => {
  for (const bad of ['2024-13', '2024-00', '2024-3', '24-03', '2024-03-01', '']) {
    expect(() => buildWorkbook({ month: bad, agents: [] })).toThrow(`month "${bad}" must be a month YYYY-MM`);
  }
});

describe('the month problem in Chinese', () => {
  const zhOf = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return (e as Problem).in('zh');
    }
    throw new Error('nothing thrown');
  };
  test('names the source and the text as given; a month number that does not exist is said', () => {
    expect(zhOf(() => toMonth('2024-13', '--month'))).toBe('--month "2024-13" 必须是 YYYY-MM 格式的月份(例如 2024-03):没有 13 月');
    expect(zhOf(() => toMonth('2024-3', 'a.xlsx KPI_MONTH'))).toBe('a.xlsx KPI_MONTH "2024-3" 必须是 YYYY-MM 格式的月份(例如 2024-03)');
    expect(zhOf(() => monthParts('2024-00'))).toBe('月份 "2024-00" 必须是 YYYY-MM 格式(例如 2024-03):没有 0 月');
  });
  test('no English left in it (month.notMonth, the only message of its scope)', () => {
    expect([...MESSAGES.keys()].filter((c) => c.startsWith('month.'))).toEqual([MONTH_MESSAGES.notMonth.code]);
    for (const p of [{ text: '2024-13', where: '--month' }, { text: '' }, { text: 202403 }, { text: null, where: 'a.xlsx KPI_MONTH' }]) {
      const zh = MONTH_MESSAGES.notMonth.zh(p);
      expect({ zh, english: englishIn(zh, p) }).toEqual({ zh, english: [] });
    }
  });
});
