/**
 * One language at a time: every message of every layer exists in Chinese and in English, the Chinese has no
 * English word left in it and the English no Chinese (codes such as A01 and D4, ids, file and column names,
 * numbers and the values of its parameters aside: KEPT_AS_IS and the lists below), and a headline stays short.
 *
 * Covered here: the call-log import's report (io/messages.ts REPORT), the KPI functions' errors
 * (core/kpi/messages.ts), core's own messages, the task pane's words (taskpane/strings.ts) and the call-log
 * outcome (taskpane/call-log.ts WORDS). The problems of the input, .xlsx, Office.js, pane and CLI layers have
 * their samples in their own tests (test/io, test/xlsx, test/office, test/taskpane, test/cli `messages.test.ts`),
 * which fail when a message of their layer has none (their samples are test/helpers/message-samples.ts); the
 * last test checks that every declared message is in one of these places.
 *
 * Short messages: every message's headline (core/problem.ts `worded`: the rule broken and where; the pane shows
 * it, its details under "Details") is at most HEADLINE_MAX characters in both languages, with every sample.
 */
import { KPI_MSG } from '../src/core/kpi/messages';
import { HEADLINE_MAX, MESSAGES, Note, Params, Problem, worded } from '../src/core/problem';
import { MONTH_MESSAGES } from '../src/core/month';
import { KPI } from '../src/core/kpi';
import { KpiError } from '../src/core/values';
import '../src/cli/messages';
import '../src/core/merge';
import { importCallsTable, parseCsvTable } from '../src/io/calls-core';
import '../src/io/messages';
import { REPORT } from '../src/io/messages';
import '../src/office/messages';
import '../src/office/merge-messages';
import '../src/office/year-messages';
import { rosterFromSheet } from '../src/taskpane/inputs';
import { WORDS } from '../src/taskpane/call-log';
import '../src/taskpane/messages';
import { STRINGS, Strings } from '../src/taskpane/strings';
import '../src/xlsx/messages';
import '../src/xlsx/ledger-messages';
import { LAYER_SAMPLES } from './helpers/message-samples';
import { KEPT_AS_IS, englishIn } from './helpers/zh-words';

/** Chinese characters (CJK ideographs and full-width punctuation) in an English wording, its parameters' values aside. */
function chineseIn(en: string, params: Params, keep: readonly string[] = []): string[] {
  let s = en;
  const values = Object.values(params).flatMap((v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [String(v)]));
  for (const v of [...values, ...keep].sort((a, b) => b.length - a.length)) if (v) s = s.split(v).join(' ');
  return s.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g) ?? [];
}

const who = { id: 'E05', name: '玛莎', role: 'after-sales' as const };
const rows = { rows: ['4 ("32-01-15")', '9'] };

/** Samples of every call-log report line, one per branch of its wording. */
const REPORT_SAMPLES: Record<string, Params[]> = {
  read: [
    {
      file: 'calls.csv',
      srcKind: 'csv',
      encoding: 'GB18030',
      delimiter: ';',
      dataRows: 5000,
      preset: 'cleaned',
      agent: 'Agent',
      date: 'Date',
      dateFormat: 'dd-mm-yy',
      time: 'Time',
      answered: 'Answered (Y/N)',
      yes: ['Y'],
      rating: 'Satisfaction rating',
      table: ['5→A', '4→B'],
      sample: 20,
    },
    {
      file: 'raw.xlsx',
      srcKind: 'xlsx',
      sheet: 'Dataset',
      dataRows: 5000,
      preset: 'raw',
      agent: 'Agent',
      date: 'Date',
      dateFormat: 'excel-serial',
      answered: 'Answered (Y/N)',
      yes: ['Y'],
      rating: 'Satisfaction rating',
      table: ['5→A'],
      sample: 20,
    },
    {
      file: 'l.csv',
      srcKind: 'csv',
      encoding: 'UTF-8',
      delimiter: 'tab',
      dataRows: 1,
      preset: 'given',
      agent: 'A',
      date: 'D',
      dateFormat: 'yyyy-mm-dd',
      answered: 'Y',
      yes: ['1'],
      rating: 'R',
      table: [],
      sample: 5,
    },
  ],
  month: [{ month: '2015-01', calls: 1772, otherRows: 3228 }],
  noCallInMonth: [{ month: '2015-01', from: '2015-02', to: '2015-03' }, { month: '2015-01' }],
  skippedDate: [{ ...rows, dateFormat: 'dd-mm-yy' }],
  skippedAgent: [rows],
  skippedAnswered: [{ ...rows, column: 'Answered (Y/N)' }],
  ratingNotInTable: [{ ...rows, ratings: ['5', '4', '3'] }],
  ratingUnanswered: [rows],
  timeUnreadable: [rows],
  unknownAgent: [
    { name: 'L', calls: 1, month: '2015-01', rows: ['10'], why: 'none' },
    { name: 'Bobby', calls: 2, month: '2015-01', rows: ['3', '4'], why: 'aliasMissing', id: 'X9' },
    { name: 'Ann', calls: 2, month: '2015-01', rows: ['3', '4'], why: 'ambiguous', ids: ['E01', 'E02'] },
  ],
  agentNoCall: [{ ...who, role: 'pre-sales', month: '2015-01' }],
  preSalesA01: [{ ...who, role: 'pre-sales', calls: 216, answered: 177, unanswered: 39, points: 39, per: 1 }],
  preSalesNoA01: [{ ...who, role: 'pre-sales', calls: 2, answered: 1, unanswered: 1 }],
  afterSales: [
    {
      ...who,
      calls: 228,
      answered: 187,
      unanswered: 41,
      letters: 'CCAD',
      taken: 4,
      rated: 4,
      sampleRows: ['2', '5'],
      sampleSize: 20,
      scaledTo: 20,
    },
    { ...who, calls: 1, answered: 1, unanswered: 0, taken: 0, rated: 0, sampleRows: [], sampleSize: 20, scaledTo: 20 },
  ],
  replacedByEntries: [{ file: 'log.csv', code: 'A01', id: 'E01', log: '39', entry: '2' }],
};

const what = { what: 'counts[3]' };
const KPI_SAMPLES: Record<string, Params[]> = {
  shapes: [{ a: 'values', n: 3, b: 'weights', m: 2 }],
  notInScale: [{ ...what, value: '"F"', letters: ['A', 'B', 'C'] }],
  averageZero: [{ what: 'all' }],
  notOneCell: [{}],
  notNumber: [{ ...what, value: '"x"' }],
  negativeCount: [{ ...what, value: '-1' }],
  countNotNumber: [{ ...what, value: '"x"' }],
  cellCount: [{ ...what, expected: 3, got: 2 }],
  notScale: [{ ...what, value: '"Q"' }],
  scaleColumns: [what],
  notScore: [{ ...what, value: '"x"' }],
  outOfRange: [{ ...what, value: '120' }],
  notRating: [{ ...what, value: 'E' }],
  threeMonths: [{ names: ['ranks', 'bottomRanks', 'redLines'] }, { names: ['ranks'] }],
  argIsError: [{ code: '#REF!' }],
  dataType: [
    { ...what, kind: 'Entity', text: 'Seattle' },
    { ...what, kind: 'WebImage' },
  ],
};

const CORE_SAMPLES: Record<string, Params[]> = { more: [{ n: 1 }, { n: 3 }], internal: [{ what: '为 a.xlsx 评分' }] };

/** What a Chinese wording keeps in Latin letters besides KEPT_AS_IS: the log's own column names and formats, preset file names. */
const KEPT_ZH = [
  ...KEPT_AS_IS,
  'calls-2015q1.csv',
  'raw-call-center-dataset.xlsx',
  'kpi-forms',
  'xlsx',
  'dd-mm-yy',
  'excel-serial',
  'yyyy-mm-dd',
];
/** The longest a headline (a message shown as one line, its details elsewhere) may be, with typical parameters. */
const HEADLINE = 100;

function checkBoth(scope: string, samples: Record<string, Params[]>, headline: boolean) {
  const codes = [...MESSAGES.keys()].filter((c) => c.startsWith(`${scope}.`));
  test(`${scope}: every message has samples`, () => {
    expect(codes.map((c) => c.slice(scope.length + 1)).sort()).toEqual(Object.keys(samples).sort());
  });
  test.each(Object.entries(samples))(`${scope}.%s: Chinese without English words, English without Chinese`, (key, list) => {
    const m = MESSAGES.get(`${scope}.${key}`)!;
    for (const p of list) {
      const zh = m.zh(p);
      const en = m.en(p);
      expect({ zh, english: englishIn(zh, p, KEPT_ZH) }).toEqual({ zh, english: [] });
      expect({ en, chinese: chineseIn(en, p) }).toEqual({ en, chinese: [] });
      for (const t of [zh, en]) expect(t).not.toMatch(/undefined|\[object|NaN/);
      if (headline) expect({ zh: zh.length <= HEADLINE, en: en.length <= HEADLINE, text: en }).toEqual({ zh: true, en: true, text: en });
    }
  });
}

describe('the call-log report', () => checkBoth('callReport', REPORT_SAMPLES, false));
describe('the KPI functions’ errors (Excel’s tooltip, score’s stderr)', () => checkBoth('kpi', KPI_SAMPLES, true));
describe('core', () => checkBoth('problem', CORE_SAMPLES, false));

describe('the report of a real import, in each language', () => {
  const log = [
    'Call Id,Date,Time,Agent,Answered (Y/N),Satisfaction rating',
    'ID1,05-01-15,09:00,Ann,N,',
    'ID2,05-01-15,09:05,Cai,Y,4',
    'ID3,32-01-15,09:06,Cai,Y,5',
    'ID4,06-01-15,09:07,Zed,Y,5',
  ].join('\n');
  const agents = [
    { id: 'E01', name: 'Ann', role: 'pre-sales' as const, group: 'G1' },
    { id: 'E03', name: 'Cai', role: 'after-sales' as const, group: 'G2' },
    { id: 'E04', name: '李四', role: 'pre-sales' as const, group: 'G1' },
  ];
  const r = importCallsTable('calls.csv', parseCsvTable('calls.csv', log, 'UTF-8'), { month: '2015-01', agents });

  test('Chinese: no preset identifier, no mapping key, no English word', () => {
    const zh = r.messages.map((m) => m.in('zh'));
    expect(zh.join('\n')).not.toMatch(/PRESET_|agentAliases|unansweredToA01/);
    for (const [i, line] of zh.entries())
      expect({ line, english: englishIn(line, r.messages[i].params, KEPT_ZH) }).toEqual({ line, english: [] });
    expect(zh).toContain('2015-01:本月 3 通来电;跳过其他月份的 0 行。');
    expect(zh).toContain('跳过 1 行,日期无法按 dd-mm-yy 读取:第 4 ("32-01-15") 行。');
    expect(zh).toContain('日志中的专员“Zed”不在花名册中:2015-01 的 1 通来电未导入(第 5 行);请把此人加入花名册,或更正日志中的姓名。');
  });

  test('English: as before, without developer identifiers', () => {
    const en = r.messages.map(String);
    expect(en.join('\n')).not.toMatch(/PRESET_|agentAliases|unansweredToA01/);
    expect(en[0]).toMatch(/^Read calls\.csv \(CSV, UTF-8\): 4 data rows; mapping: the preset for calls-2015q1\.csv \(agent "Agent"/);
    expect(en).toContain(
      'Agent "Zed" of the log is not in the roster: 1 call of 2015-01 not imported (row 5); add the agent to the roster, or correct the name in the log.',
    );
  });
});

describe('the KPI functions’ errors carry their wording', () => {
  test('a bad argument: the same English message as before, and Chinese', () => {
    const e = KPI.DEDUCT.impl([[-1]], [[1]]) as KpiError;
    expect(e).toBeInstanceOf(KpiError);
    expect(e.message).toBe('counts[1]: -1 is not a count ≥ 0 (D4)');
    expect(e.in('zh')).toBe('counts[1]:-1 不是 ≥ 0 的次数 (D4)');
    expect(new KpiError('#DIV/0!', '#DIV/0!').in('zh')).toBe('#DIV/0!');
    expect(KpiError.of('#VALUE!', KPI_MSG.notOneCell, {}).in('zh')).toBe('应为一个单元格,而不是一个区域');
  });
});

describe('the task pane’s words', () => {
  /** Sample arguments for every worded string, per language (sheet names as the workbook of that language has them). */
  const ARGS: Record<string, Record<'zh' | 'en', unknown[]>> = {
    rosterFromSheet: { zh: ['花名册', 9], en: ['Roster', 9] },
    yearMonth: { zh: ['2024-03'], en: ['2024-03'] },
    yearClose: { zh: ['2024-03'], en: ['2024-03'] },
    yearClosed: { zh: ['2024-03', 80, 4, '2024-04-09'], en: ['2024-03', 80, 4, '2024-04-09'] },
    yearNext: { zh: ['2024-04'], en: ['2024-04'] },
    yearReopened: { zh: ['2024-03', '申诉已裁定'], en: ['2024-03', 'appeal decided'] },
    rewritten: { zh: [2], en: [2] },
    yearNoticeDone: { zh: ['通报 2024-03'], en: ['Notice 2024-03'] },
    yearDue: { zh: ['2024-04-09'], en: ['2024-04-09'] },
    rosterParsed: { zh: [9, 5, 4], en: [9, 5, 4] },
    rosterFromFile: { zh: ['roster.xlsx', 9], en: ['roster.xlsx', 9] },
    allAgents: { zh: [9], en: [9] },
    resultsOf: { zh: ['售前', 5], en: ['pre-sales', 5] },
    progressWrite: { zh: [['表A-业务'], 120], en: [['Form A'], 120] },
    inserted: { zh: [['表A-业务', '规则'], 2], en: [['Form A', 'Rules'], 2] },
    renamedNote: { zh: ['表A-业务 → 表A-业务 (2)'], en: ['Form A → Form A (2)'] },
    replacedNote: { zh: [['表A-业务']], en: [['Form A']] },
    reusedNote: { zh: [['规则']], en: [['Rules']] },
    otherStampNote: { zh: ['2024-02', ['month', 'roster']], en: ['2024-02', ['month', 'roster']] },
    selectedNote: { zh: [2, '表A-业务'], en: [2, 'Form A'] },
    allWrittenNote: { zh: [9], en: [9] },
    namesKeptNote: { zh: [3], en: [3] },
    skippedNote: { zh: [['冻结窗格']], en: [['frozen panes']] },
    cancelled: { zh: [['表A-业务']], en: [['Form A']] },
    wroteEntries: { zh: [3, 12], en: [3, 12] },
    notInLayout: { zh: ['E09 A01'], en: ['E09 A01'] },
    opened: { zh: [['表A-业务']], en: [['Form A']] },
    missingSet: { zh: ['ExcelApi', '1.9'], en: ['ExcelApi', '1.9'] },
    mergeReading: { zh: ['售后组.xlsx'], en: ['after-sales.xlsx'] },
    mergePrefer: { zh: ['售后组.xlsx'], en: ['after-sales.xlsx'] },
    mergeDone: { zh: ['售后组.xlsx', 40, 80, 321], en: ['after-sales.xlsx', 40, 80, 321] },
    mergeAdded: { zh: ['售后组.xlsx'], en: ['after-sales.xlsx'] },
  };
  /** Latin words the Chinese pane shows as they are: formats, column names a CSV or log must have, menu keys, API names. */
  const KEPT_PANE = [
    ...KEPT_ZH,
    'employee_id,name,role,group',
    'employee_id,code,value',
    'pre-sales/after-sales',
    'pre-sales',
    'after-sales',
    'Call Id',
    'Date',
    'Time',
    'Agent',
    'Answered (Y/N)',
    'Satisfaction rating',
    'English',
    'Enter',
    'Esc',
    'ExcelApi',
    '#NAME?',
    'manifest.xml',
    'README',
    'Office',
    'Mac',
    'E001',
  ];
  /** Chinese the English pane shows on purpose: the switch to Chinese, the roster's Chinese role and sheet names a file may use. */
  const KEPT_EN = ['中文', '售前', '售后', '花名册'];

  /** Every text of a Strings table: [key path, text, its parameter values]. */
  function texts(S: Strings, lang: 'zh' | 'en'): Array<[string, string, Params]> {
    const out: Array<[string, string, Params]> = [];
    const walk = (o: unknown, at: string) => {
      if (typeof o === 'string') out.push([at, o, {}]);
      else if (typeof o === 'function') {
        const args = ARGS[at.split('.').pop()!]?.[lang];
        if (!args) throw new Error(`no sample arguments for ${at}`);
        out.push([at, String((o as (...a: unknown[]) => unknown)(...args)), { args: args.flat().map(String) }]);
      } else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, at ? `${at}.${k}` : k);
    };
    walk({ ...S, lang: undefined }, '');
    return out;
  }

  test('both languages have the same keys', () => {
    const keys = (S: Strings) => texts(S, S.lang).map(([k]) => k);
    expect(keys(STRINGS.zh)).toEqual(keys(STRINGS.en));
  });

  test('Chinese without English words, English without Chinese; no developer measure (round trips)', () => {
    for (const [key, text, p] of texts(STRINGS.zh, 'zh')) {
      expect({ key, english: englishIn(text, p, KEPT_PANE) }).toEqual({ key, english: [] });
      expect({ key, text }).not.toEqual({ key, text: expect.stringMatching(/往返|同步|sync/i) });
    }
    for (const [key, text, p] of texts(STRINGS.en, 'en')) {
      if (key === 'switchTo') continue;
      expect({ key, chinese: chineseIn(text, p, KEPT_EN) }).toEqual({ key, chinese: [] });
      expect({ key, text }).not.toEqual({ key, text: expect.stringMatching(/round trip|sync/i) });
    }
  });

  test('the call-log outcome (call-log.ts WORDS) in each language', () => {
    const unknown = [{ name: 'Zed', rows: 3 }];
    const zh = [WORDS.zh.wrote('calls.csv', 8, 148), WORDS.zh.nothing('calls.csv', '2015-01'), WORDS.zh.unknown(unknown), WORDS.zh.partial];
    for (const t of zh) expect(englishIn(t, { file: 'calls.csv', name: 'Zed' }, KEPT_ZH)).toEqual([]);
    const en = [WORDS.en.wrote('calls.csv', 8, 148), WORDS.en.nothing('calls.csv', '2015-01'), WORDS.en.unknown(unknown), WORDS.en.partial];
    for (const t of en) expect(chineseIn(t, {})).toEqual([]);
  });
});

test('a roster sheet’s bad row is named by its row in the pane’s language (no English "row" in Chinese)', () => {
  const sheet = {
    sheet: 'roster.xlsx › 花名册',
    row: 1,
    col: 1,
    values: [
      ['工号', '姓名', '岗位', '组'],
      ['E01', '张三', '售前', '一组'],
      ['E01', '李四', '售后', '一组'],
    ],
  };
  let p: Problem | undefined;
  try {
    rosterFromSheet(sheet as Parameters<typeof rosterFromSheet>[0]);
  } catch (e) {
    p = e as Problem;
  }
  expect(p).toBeInstanceOf(Problem);
  // the cell is named as the sheet names it; the earlier row in words of the language
  expect(p!.in('zh')).toBe('roster.xlsx › 花名册!A3:工号 "E01" 与第 2 行重复;工号必须唯一');
  expect(p!.in('en')).toBe('roster.xlsx › 花名册!A3: employee_id "E01" is a duplicate of row 2; ids must be unique');
});

const MONTH_SAMPLES: Params[] = [{ text: '2024-13', where: '--month' }, { text: 'x' }];

/** Every sample of every message, as [code, parameters]. */
const ALL: Array<[string, Params]> = [
  ...LAYER_SAMPLES,
  ...(
    [
      ['callReport', REPORT_SAMPLES],
      ['kpi', KPI_SAMPLES],
      ['problem', CORE_SAMPLES],
      ['month', { notMonth: MONTH_SAMPLES }],
    ] as const
  ).flatMap(([scope, table]) =>
    Object.entries(table as Record<string, Params[]>).flatMap(([k, list]) => list.map((p): [string, Params] => [`${scope}.${k}`, p])),
  ),
];

test('every declared message has samples (here or test/helpers/message-samples.ts)', () => {
  const sampled = new Set(ALL.map(([code]) => code));
  const missing: string[] = [];
  for (const [code, m] of MESSAGES) {
    expect([code, typeof m.en, typeof m.zh]).toEqual([code, 'function', 'function']);
    const scope = code.split('.')[0];
    // messages the tests declare for themselves
    if (scope === 'test' || scope === 'cliTest' || /^describeError/.test(code.split('.')[1])) continue;
    if (!sampled.has(code)) missing.push(code);
  }
  expect(missing).toEqual([]);
  // the report's lines are Notes of REPORT
  expect(Object.keys(REPORT).length).toBe(Object.keys(REPORT_SAMPLES).length);
  expect(Object.keys(MONTH_MESSAGES)).toEqual(['notMonth']);
});

describe('short messages: a headline of at most 100 characters, the rest under "Details"', () => {
  /** Chinese an English wording keeps on purpose: the words a roster's header and role, or the records' status, may be written in. */
  const KEPT_EN = ['售前', '售后', '申诉中', '维持', '撤销', '工号'];

  test.each(['en', 'zh'] as const)('every headline in %s, with every sample; headline and details say all the wording says', (lang) => {
    const long: string[] = [];
    for (const [code, p] of ALL) {
      const m = MESSAGES.get(code)!;
      const text = m[lang](p);
      const w = worded(m, p, lang);
      if (w.headline.length > HEADLINE_MAX) long.push(`${code} (${w.headline.length}): ${w.headline}`);
      expect({ code, empty: w.headline.trim() === '' }).toEqual({ code, empty: false });
      // the wording cut in two (a separator between them), or a shorter headline over the whole wording as details
      const cutInTwo = text.startsWith(w.headline) && text.endsWith(w.details) && text.length - w.headline.length - w.details.length <= 2;
      expect({ code, text, w, whole: cutInTwo || w.details === text }).toEqual({ code, text, w, whole: true });
      // no Chinese in the English (the Chinese of every layer is checked for English in its own test)
      if (lang === 'en') expect({ code, text, chinese: chineseIn(text, p, KEPT_EN) }).toEqual({ code, text, chinese: [] });
    }
    expect(long).toEqual([]);
  });

  test('the cut, worked by hand: at the first "; " / ";" outside brackets; a value’s own ";" or brackets do not cut', () => {
    const emptyId = MESSAGES.get('input.emptyId')!;
    expect(worded(emptyId, { atFile: 'e.csv', atRow: 7 }, 'en')).toEqual({
      headline: 'e.csv row 7: employee_id is empty',
      details: 'every agent needs a unique id',
    });
    expect(worded(emptyId, { atFile: 'e.csv', atRow: 7 }, 'zh')).toEqual({
      headline: 'e.csv 第 7 行:工号为空',
      details: '每名专员都需要唯一的工号',
    });
    expect(worded(emptyId, { atFile: 'a; b (1).csv', atRow: 7 }, 'en')).toEqual({
      headline: 'a; b (1).csv row 7: employee_id is empty',
      details: 'every agent needs a unique id',
    });
    // a "; " inside brackets is part of the headline
    const status = MESSAGES.get('input.recordStatus')!;
    expect(worded(status, { atFile: 'e.csv', atRow: 3, status: 'x' }, 'zh').details).toBe('');
    // a sentence ends a headline: the rest are details
    const locked = new Problem(MESSAGES.get('office.protectedSheets')!, { sheets: ['Form A'] });
    expect(locked.worded('en')).toEqual({
      headline: '"Form A" is protected with a password, so it was not replaced.',
      details: 'Nothing was changed.',
    });
    // a headline too long by itself gives way to the message's short one: the rest of the wording is the details
    const unknownCode = MESSAGES.get('input.unknownCode')!;
    expect(worded(unknownCode, { atFile: 'e.csv', atRow: 7, code: 'Z99' }, 'en')).toEqual({
      headline: 'e.csv row 7: code "Z99" is not an item code of forms.md',
      details: '(A01–A11, AR1, AR2, B01–B13, EX, S01–S06, SP1, SN1)',
    });
    // or, when the short one is not the start of the wording, the whole wording
    const refused = new Problem(MESSAGES.get('input.refused')!, { file: 'a.csv', is: 'ole', either: true });
    expect(refused.worded('en')).toEqual({ headline: 'a.csv: is not a CSV text file or an .xlsx workbook', details: refused.message });
    // a report line is worded the same way
    const note = new Note(REPORT.month, { month: '2015-01', calls: 3, otherRows: 0 });
    expect(note.worded('en')).toEqual({ headline: '2015-01: 3 calls in the month', details: '0 rows of other months skipped.' });
  });
});
