/** core/problem.ts: the one error type, worded in either language where it is shown. */
import { MESSAGES, Problem, internalFault, langOfEnv, messages, q } from '../../src/core/problem';

const T = messages('test', {
  count: {
    en: (p: { file: string; row: number; value: string }) => `${p.file} row ${p.row}: count ${q(p.value)} must be a whole number ≥ 0 (D4)`,
    zh: (p: { file: string; row: number; value: string }) => `${p.file} 第 ${p.row} 行:次数 ${q(p.value)} 必须是 ≥ 0 的整数 (D4)`,
    act: 'fixCsv',
  },
});

test('a problem: code, parameters, English message, wording in either language, action', () => {
  const p = new Problem(T.count, { file: 'entries.csv', row: 7, value: '-1' });
  expect(p).toBeInstanceOf(Error);
  expect(p.code).toBe('test.count');
  expect(p.params).toEqual({ file: 'entries.csv', row: 7, value: '-1' });
  expect(p.message).toBe('entries.csv row 7: count "-1" must be a whole number ≥ 0 (D4)');
  expect(p.in('zh')).toBe('entries.csv 第 7 行:次数 "-1" 必须是 ≥ 0 的整数 (D4)');
  expect(p.act).toBe('fixCsv');
  expect(p.issues).toEqual([p.message]);
});

test('several problems of one file: the first carries the others, counted in the message', () => {
  const found = [2, 5, 9].map((row) => new Problem(T.count, { file: 'e.csv', row, value: 'x' }));
  const p = Problem.ofAll(found)!;
  expect(p.message).toBe('e.csv row 2: count "x" must be a whole number ≥ 0 (D4) (and 2 more problems in the same file)');
  expect(p.in('zh')).toBe('e.csv 第 2 行:次数 "x" 必须是 ≥ 0 的整数 (D4) (同一文件中另有 2 处问题)');
  expect(p.list('en')).toHaveLength(3);
  expect(p.issues[2]).toBe('e.csv row 9: count "x" must be a whole number ≥ 0 (D4)');
  expect(Problem.ofAll([])).toBeUndefined();
});

test('a code is declared once', () => {
  expect(() => messages('test', { count: { en: () => 'a', zh: () => '甲' } })).toThrow('message test.count is declared twice');
});

test('the language of the environment: zh for a Chinese locale, otherwise en', () => {
  expect(langOfEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
  expect(langOfEnv({ LANG: 'en_US.UTF-8', LANGUAGE: 'zh_TW' })).toBe('zh');
  expect(langOfEnv({ LANG: 'C.UTF-8' })).toBe('en');
  expect(langOfEnv({})).toBe('en');
  expect(internalFault('en', 'scoring a.xlsx')).toBe(
    'kpi-forms failed while scoring a.xlsx: this is a fault of the program, not of your file',
  );
});

test('every declared message has both wordings', () => {
  for (const [code, m] of MESSAGES) {
    expect(typeof m.en).toBe('function');
    expect(typeof m.zh).toBe('function');
    expect(code).toMatch(/^[a-z][A-Za-z0-9]*\.[A-Za-z0-9]+$/);
  }
});
