/**
 * Sample parameters of every problem of the input, .xlsx, Office.js, pane and CLI layers, one set per branch
 * of a wording: each layer's messages test words them (no English left in the Chinese), and
 * test/messages-both-languages.test.ts checks every headline's length with them.
 */
import { Params } from '../../src/core/problem';
import { LEDGER_EXAMPLES } from './ledger-message-samples';
import { YEAR_EXAMPLES } from './year-message-samples';

// ---------------- input (io/messages.ts) ----------------

/**
 * Parameters for every message of the layer, one set per branch of its wording: the check below words each
 * in Chinese and looks for English left in it. A message added without samples fails the coverage test.
 */
const ROW = { atFile: 'e.csv', atRow: 7 };
export const INPUT_SAMPLES: Record<string, Params[]> = {
  refused: (['zip', 'ole', 'pdf', 'utf16', 'binary'] as const).flatMap((is) => [
    { file: 'a.csv', is, either: true },
    { file: 'a.csv', is, either: false },
  ]),
  excelNameNotZip: [{ file: 'a.xlsx', ext: '.xlsx' }],
  unreadableXlsx: [{ file: 'a.xlsx', detail: 'End of data reached' }],
  unreadableZip: [{ file: 'a.zip', detail: 'End of data reached' }],
  noWorksheet: [{ file: 'a.xlsx' }],
  noSuchFile: [{ file: 'a.csv' }],
  isFolder: [{ file: 'dir' }],
  cannotRead: [{ file: 'a.csv', detail: 'EACCES' }],
  notUtf8OrGb: [{ file: 'a.csv' }],
  badCsv: [
    { file: 'a.csv', line: 3, detail: 'Quote Not Closed' },
    { file: 'a.csv', detail: 'Quote Not Closed' },
  ],
  emptyFile: [{ file: 'a.csv', shape: 'employee_id,code,value' }],
  missingColumn: [{ ...ROW, shape: 'employee_id,name,role,group', column: 'role', found: ['id', 'name'] }],
  emptyId: [ROW, { at: 'r.xlsx Staff!A3' }, { atFile: 'r.xlsx', atSheet: 'Staff', atRow: 3 }],
  duplicateId: [
    { ...ROW, id: 'E01', firstRow: 2 },
    { ...ROW, id: 'E01', firstSheet: 'Staff', firstRow: 2 },
    { ...ROW, id: 'E01', firstAt: 'Roster row 2' },
  ],
  emptyName: [{ ...ROW, id: 'E01' }],
  leaderDiffers: [{ ...ROW, group: 'G1', leader: '王芳', firstLeader: '李娜', firstRow: 3 }],
  badRole: [{ ...ROW, role: 'boss' }],
  noAgents: [{ file: 'a.csv', shape: 'employee_id,name,role,group' }],
  unknownId: [{ ...ROW, id: 'E09' }],
  unknownCode: [{ ...ROW, code: 'Z99' }],
  otherRoleCode: [
    { ...ROW, code: 'A01', id: 'E03', role: 'after-sales' },
    { ...ROW, code: 'S01', id: 'E01', role: 'pre-sales' },
  ],
  givenAgain: [
    { ...ROW, id: 'E01', code: 'EX', score: true, firstRow: 5 },
    { ...ROW, id: 'E01', code: 'S03', score: false, firstRow: 5 },
  ],
  pointsOver: [{ ...ROW, id: 'E01', sum: 120 }],
  recordDate: [{ ...ROW, date: '2024-04-01', month: '2024-03' }],
  recordDateTime: [{ ...ROW, date: '2024-03-05 10:30', day: '2024-03-05' }],
  logIsEntries: [{ file: 'entries.csv' }],
  recordStatus: [{ ...ROW, status: 'open' }],
  notItemCode: [{ atFile: 'log.csv', atCode: 'Z1', atId: 'E01', code: 'Z1' }],
  badValue: [
    ...(['count', 'escalating', 'redline', 'tickets', 'halfday', 'points', 'score', 'grade', 'ratings'] as const).map((kind) => ({
      ...ROW,
      code: 'A01',
      kind,
      value: 'x',
      as: 'text',
    })),
    ...(['rank', 'bottomRank', 'redLines'] as const).map((kind) => ({ at: 'q', code: '2024-01', kind, value: 0, as: 'plain' })),
    ...(['isNumber', 'fullWidthLetters', 'fullWidthDigits', 'cellText', 'notNumber'] as const).map((hint) => ({
      ...ROW,
      code: 'S03',
      kind: 'grade',
      value: 'x',
      as: 'text',
      hint,
    })),
    { ...ROW, code: 'S02', kind: 'ratings', value: 'AX', as: 'text', hint: 'notRating', bad: 'X' },
    { ...ROW, code: 'A01', kind: 'count', value: '2024-03-01', as: 'date' },
    { ...ROW, code: 'A01', kind: 'count', value: true, as: 'plain' },
  ],
  cannotReadLog: [{ file: 'log.csv', detail: 'ENOENT' }],
  emptyLog: [{ file: 'log.csv' }],
  emptyLogSheet: [{ file: 'log.xlsx', sheet: 'Dataset' }],
  logMonth: [{ file: 'log.csv', month: '2015-1' }],
  badMapping: [
    {
      file: 'log.csv',
      emptyColumns: ['agent', 'date'],
      dateFormat: 'mm/dd',
      answeredYesEmpty: true,
      sampleSize: '0',
      ratingEmpty: true,
      badRatings: ['5'],
      badLetters: ['E'],
    },
  ],
  noPreset: [{ file: 'log.csv', found: ['Who', 'When'], expected: ['Agent', 'Date', 'Time'], time: 'Time', date: 'Date' }],
  missingLogColumns: [
    { file: 'log.csv', columns: ['Agent'], roles: ['agent'], header: ['Who'] },
    { file: 'log.csv', columns: ['Agent', 'Date'], roles: ['agent', 'date'], header: ['Who'] },
  ],
};

// ---------------- .xlsx (xlsx/messages.ts) ----------------

const PART = { file: 'a.xlsx', part: 'xl/worksheets/sheet3.xml', sheet: '表B-纪律' };
const DAMAGE: Params[] = [
  { what: 'missingFromFile' },
  { what: 'missing' },
  { what: 'misplaced' },
  { what: 'endsInside' },
  { what: 'cannotUnpack' },
  { what: 'checksum' },
  { what: 'empty' },
  { what: 'notWellFormed', line: 3, column: 7, reason: 'unclosed tag: row' },
  { what: 'notWellFormed', reason: 'unexpected end' },
  { what: 'notXml', bytes: 'de ad be ef' },
  { what: 'xmlCutShort', root: 'worksheet' },
  { what: 'noSheets' },
  { what: 'unnamedSheet' },
  { what: 'sheetTwice', name: '汇总' },
  { what: 'noRelationship', rid: 'rId9', name: 'Form A' },
  { what: 'noRelationship', rid: '', name: 'Form A' },
  { what: 'samePart', first: 'Form A', name: 'Form B', target: 'xl/worksheets/sheet1.xml' },
];
const NOT_XLSX: Params[] = [
  ...['zipCutShort', 'empty', 'ole', 'pdf', 'notZip', 'encrypted', 'word', 'powerPoint', 'openDocument', 'emptyZip'].map((why) => ({
    why,
  })),
  { why: 'otherZip', names: ['a.txt', 'b.bin'], more: false },
  { why: 'notExcelContent', detail: 'Corrupted zip' },
  { why: 'notExcelContent' },
];
const CELL = { file: 'a.xlsx', sheet: '表A-业务', cell: 'E7' };
/** Examples of every xlsx message's parameters (several where a parameter chooses the wording). */
export const XLSX_EXAMPLES: Array<[string, Params]> = [
  ...DAMAGE.map((d): [string, Params] => ['xlsx.damaged', { ...PART, ...d }]),
  ...DAMAGE.map((d): [string, Params] => ['xlsx.damaged', { file: 'a.xlsx', part: 'xl/workbook.xml', ...d }]),
  ...DAMAGE.map((d): [string, Params] => ['xlsx.damaged', { file: 'a.xlsx', part: 'xl/media/x.xml', ...d }]),
  ...NOT_XLSX.map((w): [string, Params] => ['xlsx.notXlsx', { file: 'a.xlsx', ...w }]),
  ['xlsx.zipMethod', { ...PART, method: 12 }],
  ['xlsx.hugeName', { file: 'a.xlsx', name: 'W_PRE', cells: 17179869184, ref: "'规则'!$A$1:$XFD$1048576", max: 1000000 }],
  ['xlsx.textPastEnd', { ...CELL, index: '99999', count: 40 }],
  ['xlsx.nameNotCells', { file: 'a.xlsx', name: 'PTS_A01', ref: '#REF!' }],
  ['xlsx.nameSheetMissing', { file: 'a.xlsx', name: 'PTS_A01', sheet: 'Rules' }],
  ['xlsx.nameTooWide', { file: 'a.xlsx', name: 'PTS_A01', ref: 'Rules!A1:Z100', count: 2600 }],
  ['xlsx.nameCellCount', { file: 'a.xlsx', name: 'W_PRE', n: 3, found: 2 }],
  ['xlsx.scaleShape', { file: 'a.xlsx', name: 'SAT_SCALE', n: 4 }],
  ['xlsx.scaleLetter', { ...CELL, name: 'SAT_SCALE', value: 'Q', letters: ['A', 'B', 'C', 'D'] }],
  ['xlsx.scaleLacks', { file: 'a.xlsx', name: 'SAT_SCALE', letter: 'D' }],
  ['xlsx.ruleNotNumber', { ...CELL, name: 'PTS_A01', shown: '"two"' }],
  ['xlsx.ruleNotNumber', { ...CELL, name: 'PTS_A01' }],
  ['xlsx.namesDropped', { file: 'a.xlsx', sheet: 'Rules' }],
  ['xlsx.notOurs', { file: 'a.xlsx' }],
  ['xlsx.ledgerNotMonth', { file: 'ledger.xlsx' }],
  ['xlsx.namesMissing', { file: 'a.xlsx', names: ['W_PRE', 'PAY_BASE'] }],
  ['xlsx.badSetting', { file: 'a.xlsx', name: 'KPI_QUARTER_MODE', value: 'weekly', choices: ['calendar', 'rolling'], rule: 'D10' }],
  ['xlsx.rosterMissing', { file: 'a.xlsx', sheet: 'Roster' }],
  ['xlsx.rosterEmptyId', { ...CELL, sheet: 'Roster', cell: 'A4' }],
  ['xlsx.rosterRepeatedId', { ...CELL, sheet: 'Roster', cell: 'A5', id: 'E01', row: 3 }],
  ['xlsx.rosterNoAgents', { file: 'a.xlsx', sheet: 'Roster' }],
  ['xlsx.sheetMissing', { file: 'a.xlsx', sheet: 'Form B' }],
  ['xlsx.beforeRecords', { file: 'a.xlsx', sheet: '考核记录' }],
  ['xlsx.rowsMoved', { ...CELL, id: 'E02', found: '"E01"' }],
  ['xlsx.outputExists', { file: 'out.xlsx' }],
  ['xlsx.noFolder', { file: 'out.xlsx', dir: '/tmp/nowhere' }],
  ['xlsx.outputIsFolder', { file: 'out.xlsx' }],
];
// ---------------- the Office.js writer (office/messages.ts) ----------------

/** One example of every office message's parameters. */
export const OFFICE_EXAMPLES: Record<string, Params> = {
  'office.notInExcel': {},
  'office.missingSheet': { sheets: ['月度汇总', 'Form A'] },
  'office.recordsFull': { records: 12, room: 5, last: 300 },
  'office.stillCalculating': { sheets: ['Summary'], reads: 5 },
  'office.protectedSheets': { sheets: ['表A-业务'] },
};

// ---------------- the task pane (taskpane/messages.ts) ----------------

/** One example of every pane message's parameters (every reason of a damaged .xlsx). */
export const PANE_EXAMPLES: Array<[string, Params]> = [
  ['pane.chunkFailed', { chunk: 'excel' }],
  ['pane.monthInvalid', { value: '2024-13' }],
  ['pane.needLayout', {}],
  ['pane.rosterXlsxNotInPane', {}],
  ['pane.entriesNotCsv', { file: 'entries.xlsx' }],
  ['pane.workbookNotCsv', { file: 'entries.xlsx' }],
  ['pane.noHeaderRow', { sheet: 'roster.xlsx › 花名册' }],
  ['pane.rosterXls', { file: 'old.xls' }],
  ...(['notZip', 'badDirectory', 'noWorkbook', 'noSheet'] as const).flatMap((reason): Array<[string, Params]> => [
    ['pane.zip', { reason }],
    ['pane.xlsxUnreadable', { reason, file: 'roster.xlsx' }],
  ]),
  ['pane.zip', { reason: 'compression', part: 'xl/worksheets/sheet1.xml', method: 14 }],
  ['pane.xlsxUnreadable', { reason: 'sheetMissing', sheet: 'Staff', part: 'xl/worksheets/sheet1.xml', file: 'roster.xlsx' }],
  ['pane.xlsxUnreadable', { reason: 'other', detail: 'The compressed data was not valid.', file: 'roster.xlsx' }],
  ['pane.logXlsxNotInPane', { file: 'log.xlsx' }],
];

// ---------------- the command line (cli/messages.ts) ----------------

export const CLI_EXAMPLES: Record<string, Params> = {
  'cli.outNotXlsx': { out: 'march.csv' },
  'cli.previousOutside': { file: 'dec.xlsx', month: '2014-12', window: ['2015-01', '2015-02', '2015-03'] },
  'cli.previousTwice': { file: 'jan2.xlsx', month: '2015-01', first: 'jan.xlsx' },
  'cli.importedUnknown': { file: 'log.csv', id: 'E09' },
  'cli.scoreFault': { file: 'march.xlsx' },
  'cli.encodingNotCsv': { encoding: 'gb18030', format: 'json' },
  'cli.logAgentUnknown': { file: 'log.csv', name: 'Zed', rows: 3, month: '2024-03', roster: 'roster.csv' },
  'cli.logReport': { file: 'log.csv', line: '2015-01:本月 1772 通来电;跳过其他月份的 3228 行。' },
  'cli.wrote': { out: 'out.xlsx', month: '2024-03', agents: 4, pre: 2, after: 2, values: 7, records: 148 },
  'cli.previousTaken': { file: 'jan.xlsx', month: '2015-01', agents: 9 },
  'cli.noCachedResults': { file: 'march.xlsx' },
  'cli.agentError': { file: 'march.xlsx', id: 'E05', error: 'all:平均处理单量为 0,S01 无法计分 (D5)' },
  'cli.mismatch': {
    file: 'm.xlsx',
    sheet: '月度汇总',
    cell: 'F5',
    stored: '12',
    expected: '78.5',
    id: 'E01',
    key: 'total',
    why: 'constant',
  },
  'cli.mismatches': { file: 'm.xlsx', n: 2 },
  'cli.recordProblem': { file: 'm.xlsx', sheet: '考核记录', cell: 'I7', row: 7, id: 'E09', code: 'A01', fault: 'unknownId' },
  'cli.recordProblems': { file: 'm.xlsx', n: 2 },
  'cli.recordsUnknownId': { file: 'm.xlsx', id: 'E99' },
};

// ---------------- the department merge (core/merge.ts, issue 11) ----------------

const TWO = { a: 'a.xlsx', b: 'b.xlsx' };
export const MERGE_EXAMPLES: Array<[string, Params]> = [
  ['merge.refused', { n: 2, files: ['a.xlsx', 'b.xlsx'] }],
  ['merge.refusedPane', { n: 1, file: 'b.xlsx' }],
  ['merge.notMonth', { file: 'b.xlsx', what: 'KPI_MONTH' }],
  ['merge.noUnzip', { file: 'b.xlsx' }],
  ['merge.badRule', { file: 'b.xlsx', name: 'PTS_A01', cell: '规则!C4', value: 'two' }],
  ['merge.rosterId', { file: 'b.xlsx', cell: '花名册!A5', id: 'E01' }],
  ['merge.rosterId', { file: 'b.xlsx', cell: '花名册!A5', id: '' }],
  ['merge.rosterRole', { file: 'b.xlsx', cell: '花名册!C5', role: 'manager' }],
  ['merge.month', { ...TWO, aCell: '规则!C77', aMonth: '2015-01', bCell: 'Rules!C77', bMonth: '2015-02' }],
  ['merge.rule', { ...TWO, name: 'PTS_A01', aCell: '规则!C4', aValue: '2', bCell: '规则!C4', bValue: '' }],
  ...(['name', 'role', 'group', 'leader'] as const).map((field): [string, Params] => [
    'merge.roster',
    { ...TWO, id: 'E01', field, aCell: '花名册!B3', aValue: '"Ann"', bCell: '花名册!B5', bValue: '"Anne"' },
  ]),
  ['merge.input', { ...TWO, id: 'E01', code: 'EX', aCell: '笔试!D4', aValue: '80', bCell: '笔试!D5', bValue: '95' }],
  ...[
    { aRows: '4–6', aN: 3, bRows: '9', bN: 1, fields: [], aValues: [], bValues: [] },
    { aRows: '', aN: 0, bRows: '9', bN: 1, fields: [], aValues: [], bValues: [] },
    { aRows: '4', aN: 1, bRows: '9', bN: 1, fields: ['count'], aValues: ['1'], bValues: ['2'] },
    {
      aRows: '4',
      aN: 1,
      bRows: '9',
      bN: 1,
      fields: ['date', 'evidence', 'by', 'status'],
      aValues: ['"2015-01-05"', '"call 7"', '', '""'],
      bValues: ['"2015-01-06"', '"call 8"', '"Li"', '"upheld"'],
    },
  ].map((r): [string, Params] => ['merge.records', { ...TWO, id: 'E01', code: 'A01', aSheet: '考核记录', bSheet: '考核记录', ...r }]),
  ['merge.merged', { out: 'dept.xlsx', month: '2015-01', files: 1, agents: 1, pre: 1, after: 0, records: 1 }],
  ['merge.preferred', { file: 'b.xlsx', n: 2 }],
  ['merge.twice', { file: 'a.xlsx' }],
  ['merge.preferNotGiven', { file: 'c.xlsx', files: ['a.xlsx', 'b.xlsx'] }],
  ['merge.merged', { out: 'dept.xlsx', month: '2015-01', files: 3, agents: 80, pre: 40, after: 40, records: 900 }],
];

// ---------------- commander's errors (cli/messages.ts COMMANDER, worded by cli/main.ts) ----------------

export const COMMANDER_EXAMPLES: Array<[string, Params]> = [
  ['commander.missingMandatoryOptionValue', { option: '--month <YYYY-MM>' }],
  ['commander.invalidArgument', { option: '--format <format>', value: 'xml', choices: ['table', 'json', 'csv'] }],
  ['commander.unknownOption', { option: '--months', suggestion: '--month' }],
  ['commander.unknownOption', { option: '--x' }],
  ['commander.missingArgument', { argument: 'file' }],
  ['commander.optionMissingArgument', { option: '--format <format>' }],
  ['commander.unknownCommand', { command: 'scor', suggestion: 'score' }],
  ['commander.unknownCommand', { command: 'x' }],
  ['commander.excessArguments', { command: 'score', expected: 1, got: 2 }],
  ['commander.helpHint', {}],
];

/** Every sample above as [code, parameters]. */
export const LAYER_SAMPLES: Array<[string, Params]> = [
  ...Object.entries(INPUT_SAMPLES).flatMap(([k, list]) => list.map((p): [string, Params] => [`input.${k}`, p])),
  ...XLSX_EXAMPLES,
  ...Object.entries(OFFICE_EXAMPLES),
  ...PANE_EXAMPLES,
  ...Object.entries(CLI_EXAMPLES),
  ...COMMANDER_EXAMPLES,
  ...MERGE_EXAMPLES,
  ...LEDGER_EXAMPLES,
  ...YEAR_EXAMPLES,
];
