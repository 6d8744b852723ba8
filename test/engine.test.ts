import { scoreMonth } from '../src/core/engine';
import { KPI } from '../src/core/kpi';
import { INCOMPLETE } from '../src/core/rules';
import { KpiError, excelRound } from '../src/core/values';
import { Agent } from '../src/templates/model';

const pre = (id: string): Agent => ({ id, name: id, role: 'pre-sales', group: 'G' });
const aft = (id: string): Agent => ({ id, name: id, role: 'after-sales', group: 'G' });

describe('the source’s own worked example (附1 6.3 and 7.0)', () => {
  test('A 70, B 95, test 80 → 42 + 28.5 + 8 = 78.5 → 400 × 78.5% = 314.00 yuan', () => {
    expect(KPI.PRESALES.impl(70, 95, 80)).toBeCloseTo(78.5, 12);
    expect(KPI.BONUS.impl(78.5, 400)).toBe(314);
  });
  test('the same through the forms: A07×5 + A01×5 → 70; B03 once → 95', () => {
    const r = scoreMonth({ month: '2015-01', agents: [pre('E09')], inputs: { E09: { A07: 5, A01: 5, B03: 1, EX: 80 } } }).results[0];
    expect(r.items).toEqual({ A: 70, B: 95, EX: 80 });
    expect(r.total).toBe(78.5);
    expect(r.pay).toBe(314);
  });
});

describe('forms A and B (D1, D2, D4)', () => {
  test('100 − Σ count × points, never below 0', () => {
    expect(KPI.DEDUCT.impl([[1], [2]], [[2], [4]])).toBe(90); // 2 + 8
    expect(KPI.DEDUCT.impl([[30]], [[4]])).toBe(0);
    expect(KPI.DEDUCT.impl([[null], ['']], [[2], [4]])).toBe(100); // blank counts are 0
  });
  test('B12: 5 the first time, 10 each further time', () => {
    expect([0, 1, 2, 3].map((c) => KPI.ESCALATE.impl(c))).toEqual([0, 5, 15, 25]);
    const r = scoreMonth({ month: '2015-01', agents: [pre('x')], inputs: { x: { B12: 3, B06: 1.5, B13: 4, EX: 50 } } }).results[0];
    expect(r.items.B).toBe(100 - 25 - 3 - 4); // B06 1.5 days × 2 = 3
  });
  test('a negative or text count is an error naming it, never a silent 0', () => {
    const e = KPI.DEDUCT.impl([[1], [-1]], [[2], [2]]) as KpiError;
    expect(e).toBeInstanceOf(KpiError);
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toContain('counts[2]');
    expect((KPI.DEDUCT.impl([['x']], [[2]]) as KpiError).code).toBe('#VALUE!');
  });
});

describe('after-sales items', () => {
  test('S01: actual ÷ average × 100 (D5); average 0 cannot be scored', () => {
    expect(KPI.VOLUME.impl(30, [[30], [10], [20]])).toBe(150);
    expect((KPI.VOLUME.impl(0, [[0], [0]]) as KpiError).code).toBe('#DIV/0!');
    expect(KPI.VOLUME.impl(30, [[30], [10], [20]], 120)).toBe(120);
    expect(KPI.VOLUME.impl('', [[30]])).toBe(INCOMPLETE);
  });
  test('S02: A +5, B +3, C 0, D −5 summed over 20; scaled to 20 when n ≠ 20 (D6)', () => {
    expect(KPI.SATISFACTION.impl('A'.repeat(20))).toBe(100);
    expect(KPI.SATISFACTION.impl('D'.repeat(20))).toBe(-100);
    expect(KPI.SATISFACTION.impl('AABCD')).toBe(((5 + 5 + 3 + 0 - 5) * 20) / 5); // 32
    expect(KPI.SATISFACTION.impl('aa bc d')).toBe(32);
    expect(KPI.SATISFACTION.impl('')).toBe(INCOMPLETE);
    expect((KPI.SATISFACTION.impl('AAX') as KpiError).message).toContain('"X"');
  });
  test('S03 and S06 grades', () => {
    expect(['A', 'B', 'C', 'D', 'E'].map((g) => KPI.GRADE.impl(g, 'S03'))).toEqual([100, 80, 60, 30, 0]);
    expect(['a', 'b', 'c', 'd', 'e'].map((g) => KPI.GRADE.impl(g, 'S06'))).toEqual([100, 80, 70, 50, 0]);
    expect((KPI.GRADE.impl('F', 'S03') as KpiError).code).toBe('#N/A');
  });
  test('composite = Σ score × weight + SP1 (5 each, at most 30) − SN1 (5 each)', () => {
    // 100×.3 + 32×.3 + 80×.1 + 95×.1 + 100×.1 + 70×.1 = 30 + 9.6 + 8 + 9.5 + 10 + 7 = 74.1; +30 (cap) − 10
    const scores = [[100], [32], [80], [95], [100], [70]];
    const w = [[0.3], [0.3], [0.1], [0.1], [0.1], [0.1]];
    expect(KPI.AFTERSALES.impl(scores, w, 8, 2)).toBeCloseTo(94.1, 10);
    const r = scoreMonth({
      month: '2015-01',
      agents: [aft('s1'), aft('s2')],
      inputs: { s1: { S01: 30, S02: 'AABCD', S03: 'B', S04: 1, S06: 'c', SP1: 8, SN1: 2 }, s2: { S01: 30, S02: 'A', S03: 'A', S06: 'A' } },
    }).results[0];
    expect(r.items.S01).toBe(100);
    expect(r.total).toBeCloseTo(94.1, 10);
    expect(r.pay).toBe(376.4);
  });
});

describe('ranking, last two, pay (D7, D8, D9)', () => {
  test('ties share a rank (1, 1, 3); incomplete is not ranked, never 0', () => {
    const agents = ['a', 'b', 'c', 'd'].map(pre);
    const res = scoreMonth({
      month: '2015-01',
      agents,
      inputs: { a: { EX: 90 }, b: { EX: 90 }, c: { EX: 50 }, d: {} },
    }).results;
    expect(res.map((r) => r.rank)).toEqual([1, 1, 3, '']);
    expect(res[3].total).toBe(INCOMPLETE);
    expect(res[3].pay).toBe(INCOMPLETE);
    expect(res[3].flags).toContain('incomplete');
    // last two with three ranked: c (bottom 1) and a, b (bottom 2, tied)
    expect(res.map((r) => r.bottom)).toEqual([true, true, true, false]);
  });
  test('nobody is in the last two when two or fewer are ranked', () => {
    const res = scoreMonth({ month: '2015-01', agents: ['a', 'b'].map(pre), inputs: { a: { EX: 1 }, b: { EX: 2 } } }).results;
    expect(res.every((r) => !r.bottom)).toBe(true);
  });
  test('pay is rounded half away from zero to the fen, as Excel does', () => {
    expect(excelRound(2.675, 2)).toBe(2.68);
    expect(excelRound(-2.675, 2)).toBe(-2.68);
    expect(KPI.BONUS.impl(78.50125, 400)).toBe(314.01); // 314.005 → 314.01
    expect(KPI.BONUS.impl(-5, 400)).toBe(0);
    expect(KPI.BONUS.impl(110, 400)).toBe(440); // no cap (D7)
  });
  test('a red line: still scored and ranked, pay 0, flagged (D3)', () => {
    const r = scoreMonth({ month: '2015-01', agents: [pre('a')], inputs: { a: { AR1: 1, EX: 100 } } }).results[0];
    expect(r.total).toBe(100);
    expect(r.rank).toBe(1);
    expect(r.pay).toBe(0);
    expect(r.flags).toContain('red-line');
  });
});

describe('quarter (D10)', () => {
  test('first three months running → award; last three months → transfer; a red line rules out the award', () => {
    expect(KPI.QUARTER.impl([[1, 1, 1]], [[4, 3, 5]])).toBe('award');
    expect(KPI.QUARTER.impl([[1, 1, 1]], [[4, 3, 5]], [[0, 1, 0]])).toBe('');
    expect(KPI.QUARTER.impl([[5, 3, 4]], [[1, 1, 1]])).toBe('transfer');
    expect(KPI.QUARTER.impl([[1, '', 1]], [[4, 3, 5]])).toBe('');
  });
  test('the engine takes the other two months from history', () => {
    const res = scoreMonth({
      month: '2015-03',
      agents: ['a', 'b', 'c'].map(pre),
      inputs: { a: { EX: 90 }, b: { EX: 80 }, c: { EX: 70 } },
      quarterMonths: ['2015-01', '2015-02', '2015-03'],
      history: {
        a: { '2015-01': { rank: 1, bottomRank: 3 }, '2015-02': { rank: 1, bottomRank: 3 } },
        c: { '2015-01': { rank: 3, bottomRank: 1 }, '2015-02': { rank: 3, bottomRank: 1 } },
      },
    }).results;
    expect(res.map((r) => r.quarter)).toEqual(['award', '', 'transfer']);
    expect(res[0].award).toBe(300);
  });
});
