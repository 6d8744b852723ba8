/** Months and the quarter window (D10), worked by hand. */
import { quarterMonths, splitMonth } from '../../src/templates/month';
import { buildWorkbook } from '../../src/templates/workbook';

describe('month', () => {
  test('calendar quarter: the three months of the quarter, wherever the month is in it', () => {
    expect(quarterMonths('2024-04', 'calendar')).toEqual(['2024-04', '2024-05', '2024-06']);
    expect(quarterMonths('2024-05', 'calendar')).toEqual(['2024-04', '2024-05', '2024-06']);
    expect(quarterMonths('2024-12', 'calendar')).toEqual(['2024-10', '2024-11', '2024-12']);
    expect(quarterMonths('2024-01', 'calendar')).toEqual(['2024-01', '2024-02', '2024-03']);
  });

  test('rolling window: the month and the two before it, across a new year', () => {
    expect(quarterMonths('2024-05', 'rolling')).toEqual(['2024-03', '2024-04', '2024-05']);
    expect(quarterMonths('2024-02', 'rolling')).toEqual(['2023-12', '2024-01', '2024-02']);
    expect(quarterMonths('2024-01', 'rolling')).toEqual(['2023-11', '2023-12', '2024-01']);
  });

  test('not YYYY-MM: an error naming the text, from the month helpers and from buildWorkbook', () => {
    expect(splitMonth('2024-03')).toEqual({ year: 2024, month: 3 });
    for (const bad of ['2024-13', '2024-00', '2024-3', '24-03', '2024-03-01', '']) {
      expect(() => splitMonth(bad)).toThrow(`month "${bad}" is not YYYY-MM`);
      expect(() => quarterMonths(bad, 'calendar')).toThrow(`month "${bad}" is not YYYY-MM`);
      expect(() => buildWorkbook({ month: bad, agents: [] })).toThrow(`month "${bad}" is not YYYY-MM`);
    }
  });
});
