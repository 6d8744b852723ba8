/**
 * src/io/calls.ts: importing the public call-centre log (examples/README.md) into A01, S01 and S02.
 * Expected numbers are computed here independently (plain line filters over the CSV) and also written
 * out literally, as examples/README.md lists them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { CallMapping, PRESET_CALLS_2015Q1, PRESET_RAW_2015Q1, detectPreset, importCalls } from '../src/io/calls';
import { scoreMonth } from '../src/core/engine';
import { Agent } from '../src/templates/model';

// the log as the project ships it (examples/call-centre, a copy of ../shared/data/call-centre)
const DATA = path.join(__dirname, '..', 'examples', 'call-centre');
const SHARED = path.join(__dirname, '..', '..', 'shared', 'data', 'call-centre');
const CSV = path.join(DATA, 'calls-2015q1.csv');
const XLSX = path.join(DATA, 'raw-call-center-dataset.xlsx');
const EXAMPLES = path.join(__dirname, '..', 'examples');

describe('examples/call-centre is the shared log, byte for byte', () => {
  test.each(['calls-2015q1.csv', 'raw-call-center-dataset.xlsx'])('%s', (f) => {
    if (!fs.existsSync(SHARED)) {
      // CI always has ../shared beside the clone; a user's clone elsewhere may not
      if (process.env.CI === 'true') throw new Error(`CI=true: ${SHARED} is missing`);
      console.warn(`calls.test: ${SHARED} is missing; the copy in examples/call-centre was not compared`);
      return;
    }
    expect(fs.readFileSync(path.join(DATA, f)).equals(fs.readFileSync(path.join(SHARED, f)))).toBe(true);
  });
});

function readRoster(): Agent[] {
  const rows = parse(fs.readFileSync(path.join(EXAMPLES, 'roster-2015q1.csv'), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
  return rows.map((r) => ({ id: r.employee_id, name: r.name, role: r.role as Agent['role'], group: r.group }));
}

function readEntries(): Record<string, Record<string, number | string>> {
  const rows = parse(fs.readFileSync(path.join(EXAMPLES, 'entries-2015-01.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Array<Record<string, string>>;
  const out: Record<string, Record<string, number | string>> = {};
  for (const r of rows) (out[r.employee_id] ??= {})[r.code] = /^\d+(\.\d+)?$/.test(r.value) ? Number(r.value) : r.value;
  return out;
}

/** The log's data lines split on commas (the file has no quoted fields: checked below). */
function logLines(): string[][] {
  return fs
    .readFileSync(CSV, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'calls-test-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});
const tmpFile = (name: string, content: string | Buffer) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
};

/** January 2015 per agent as examples/README.md lists them: calls, answered, unanswered, rated. */
const JANUARY: Record<string, [number, number, number, number]> = {
  Becky: [216, 177, 39, 177],
  Dan: [227, 190, 37, 190],
  Diane: [222, 185, 37, 185],
  Greg: [207, 172, 35, 172],
  Jim: [228, 187, 41, 187],
  Joe: [221, 186, 35, 186],
  Martha: [220, 171, 49, 171],
  Stewart: [230, 186, 44, 186],
};
/** The 20 ratings taken for S02 in January (examples/README.md). */
const JANUARY_S02: Record<string, string> = {
  E05: 'CCADADDAADCACCBABCCA',
  E06: 'CDCBCBCABBDCCADACADB',
  E07: 'CBDDCBDDCBBABBCBABCD',
  E08: 'CCDAACACCCDACDCCDABD',
};

describe('importCalls on the public log, January 2015', () => {
  const roster = readRoster();
  let csv: Awaited<ReturnType<typeof importCalls>>;
  beforeAll(async () => {
    csv = await importCalls(CSV, { month: '2015-01', agents: roster });
  });

  it('the example roster has the eight log agents, 4 pre-sales + 4 after-sales, and E09', () => {
    expect(roster.map((a) => `${a.id} ${a.name} ${a.role} ${a.group}`)).toEqual([
      'E01 Becky pre-sales G1',
      'E02 Dan pre-sales G1',
      'E03 Diane pre-sales G1',
      'E04 Greg pre-sales G1',
      'E05 Jim after-sales G2',
      'E06 Joe after-sales G2',
      'E07 Martha after-sales G2',
      'E08 Stewart after-sales G2',
      'E09 示例 pre-sales G1',
    ]);
  });

  it('counts equal a plain line filter over the CSV and the numbers of examples/README.md', () => {
    expect(fs.readFileSync(CSV, 'utf8')).not.toContain('"');
    const jan = logLines().filter((f) => f[1].endsWith('-01-15'));
    for (const [name, [calls, answered, unanswered, rated]] of Object.entries(JANUARY)) {
      const mine = jan.filter((f) => f[3] === name);
      expect([mine.length, mine.filter((f) => f[5] === 'Y').length, mine.filter((f) => f[5] === 'N').length]).toEqual([
        calls,
        answered,
        unanswered,
      ]);
      expect(mine.filter((f) => f[5] === 'Y' && f[9] !== '').length).toBe(rated);
    }
    expect(csv.inputs).toEqual({
      E01: { A01: 39 },
      E02: { A01: 37 },
      E03: { A01: 37 },
      E04: { A01: 35 },
      E05: { S01: 187, S02: JANUARY_S02.E05 },
      E06: { S01: 186, S02: JANUARY_S02.E06 },
      E07: { S01: 171, S02: JANUARY_S02.E07 },
      E08: { S01: 186, S02: JANUARY_S02.E08 },
    });
    for (const a of roster.filter((x) => x.id !== 'E09')) {
      const [, answered, unanswered] = JANUARY[a.name];
      expect(csv.inputs[a.id]).toEqual(a.role === 'pre-sales' ? { A01: unanswered } : expect.objectContaining({ S01: answered }));
    }
  });

  it('S02 = the first 20 answered, rated calls in (date, time, call id) order, 5→A 4→B 3→C 2,1→D', () => {
    const letter: Record<string, string> = { '5': 'A', '4': 'B', '3': 'C', '2': 'D', '1': 'D' };
    const jan = logLines().filter((f) => f[1].endsWith('-01-15'));
    for (const a of roster.filter((x) => x.role === 'after-sales')) {
      const key = (f: string[]) => `${f[1].slice(6)}${f[1].slice(3, 5)}${f[1].slice(0, 2)} ${f[2]} ${f[0]}`;
      const first20 = jan
        .filter((f) => f[3] === a.name && f[5] === 'Y' && f[9] !== '')
        .sort((x, y) => (key(x) < key(y) ? -1 : 1))
        .slice(0, 20)
        .map((f) => letter[f[9]])
        .join('');
      expect(csv.inputs[a.id].S02).toBe(first20);
      expect(csv.inputs[a.id].S02).toBe(JANUARY_S02[a.id]);
    }
  });

  it('the order is by date, time and call id, not by file order: reversed rows give the same inputs', async () => {
    const lines = fs
      .readFileSync(CSV, 'utf8')
      .split(/\r?\n/)
      .filter((l) => l !== '');
    const reversed = tmpFile('reversed.csv', [lines[0], ...lines.slice(1).reverse()].join('\n'));
    const r = await importCalls(reversed, { month: '2015-01', agents: roster });
    expect(r.inputs).toEqual(csv.inputs);
  });

  it('reports agent "L" (row 10) in unknownAgents and in messages, never silently', () => {
    expect(csv.unknownAgents).toEqual([{ name: 'L', rows: 1 }]);
    expect(csv.messages.map(String).find((m) => m.includes('"L"'))).toMatch(/not in the roster: 1 call of 2015-01 not imported \(row 10\)/);
  });

  it('messages say which role got which item, and that E09 has no call in the log', () => {
    const text = csv.messages.join('\n');
    expect(text).toContain('E01 Becky (pre-sales): 216 calls, 39 unanswered → A01 = 39');
    expect(text).toContain('E05 Jim (after-sales): 228 calls, 187 answered → S01 = 187; S02 = CCADADDAADCACCBABCCA');
    expect(text).toMatch(/E09 示例 \(pre-sales\): no call of 2015-01 in the log; nothing imported/);
    expect(text).toContain('2015-01: 1772 calls in the month; 3228 rows of other months skipped.');
    expect(csv.inputs.E09).toBeUndefined();
  });

  it('the raw .xlsx (date-time serials) gives the same inputs for January; its row 10 is Greg, not "L"', async () => {
    const raw = await importCalls(XLSX, { month: '2015-01', agents: roster });
    expect(raw.inputs).toEqual(csv.inputs);
    expect(raw.unknownAgents).toEqual([]);
    expect(raw.messages.join('\n')).toContain('E04 Greg (pre-sales): 208 calls, 35 unanswered → A01 = 35');
    // the one difference between the two files: call ID0009 (answered, rating 4) is Greg's in the raw
    // file and "L" in the cleaned CSV. Mapping "L" to Greg makes them equal even for an after-sales Greg.
    const afterGreg = roster.map((a) => (a.name === 'Greg' ? { ...a, role: 'after-sales' as const } : a));
    const rawG = await importCalls(XLSX, { month: '2015-01', agents: afterGreg });
    const csvG = await importCalls(CSV, { month: '2015-01', agents: afterGreg });
    expect(csvG.inputs.E04.S01).toBe(172);
    expect(rawG.inputs.E04.S01).toBe(173);
    const aliased = await importCalls(CSV, {
      month: '2015-01',
      agents: afterGreg,
      mapping: { ...PRESET_CALLS_2015Q1, agentAliases: { L: 'E04' } },
    });
    expect(aliased.inputs).toEqual(rawG.inputs);
    expect(aliased.unknownAgents).toEqual([]);
  });

  it('CSV and raw .xlsx also agree for February and March', async () => {
    for (const month of ['2015-02', '2015-03']) {
      const a = await importCalls(CSV, { month, agents: roster });
      const b = await importCalls(XLSX, { month, agents: roster });
      expect(b.inputs).toEqual(a.inputs);
      expect(Object.keys(a.inputs)).toHaveLength(8);
    }
  });

  it('the examples reproduce the source: E09 78.5 points, 314.00 yuan; log A01 weighs on form A', () => {
    const entries = readEntries();
    for (const code of ['A01', 'S01', 'S02']) for (const id of Object.keys(csv.inputs)) expect(entries[id]?.[code]).toBeUndefined();
    expect(entries.E09).toEqual({ A01: 5, A07: 5, B03: 1, EX: 80 });
    for (const [code, , value] of Object.values(entries).flatMap((e) => Object.entries(e).map(([c, v]) => [c, 0, v]))) {
      expect(['AR1', 'AR2']).not.toContain(code);
      expect(value).not.toBe('');
    }
    const inputs: Record<string, Record<string, number | string>> = {};
    for (const id of new Set([...Object.keys(entries), ...Object.keys(csv.inputs)])) inputs[id] = { ...csv.inputs[id], ...entries[id] };
    const res = scoreMonth({ month: '2015-01', agents: roster, inputs });
    const by = Object.fromEntries(res.results.map((r) => [r.id, r]));
    expect(by.E09.items).toEqual({ A: 70, B: 95, EX: 80 });
    expect(by.E09.total).toBeCloseTo(78.5, 10);
    expect(by.E09.pay).toBe(314);
    // as examples/README.md states: form A of the log's pre-sales agents
    expect(['E01', 'E02', 'E03', 'E04'].map((id) => by[id].items.A)).toEqual([16, 22, 22, 26]);
    expect(['E01', 'E02', 'E03', 'E04'].map((id) => by[id].total)).toEqual([47.5, 52.1, 48, 52.8]);
    expect(['E01', 'E02', 'E03', 'E04'].map((id) => by[id].pay)).toEqual([190, 208.4, 192, 211.2]);
    expect(['E05', 'E06', 'E07', 'E08'].map((id) => by[id].items.S02)).toEqual([21, 15, 9, 3]);
    expect(['E05', 'E06', 'E07', 'E08'].map((id) => by[id].pay)).toEqual([318.16, 272.3, 253.24, 305.9]);
    for (const r of res.results) expect(r.flags).not.toContain('incomplete');
  });
});

describe('importCalls: encodings and file forms', () => {
  const roster = readRoster();
  const zhRoster = roster.map((a) => (a.name === 'Becky' ? { ...a, name: '贝琪' } : a.name === 'Martha' ? { ...a, name: '玛莎' } : a));
  const zhText = () =>
    fs
      .readFileSync(CSV, 'utf8')
      .replace(/,Becky,/g, ',贝琪,')
      .replace(/,Martha,/g, ',玛莎,');

  it('a GB18030 CSV with Chinese agent names gives the same inputs as the UTF-8 file', async () => {
    const utf8 = await importCalls(CSV, { month: '2015-01', agents: roster });
    const bytes = iconv.encode(zhText(), 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const gb = await importCalls(tmpFile('calls-gb18030.csv', bytes), { month: '2015-01', agents: zhRoster });
    expect(gb.inputs).toEqual(utf8.inputs);
    expect(String(gb.messages[0])).toContain('CSV, GB18030');
    expect(gb.messages.join('\n')).toContain('E07 玛莎 (after-sales): 220 calls, 171 answered → S01 = 171');
  });

  it('a UTF-8 CSV with BOM reads the first header ("Call Id") correctly', async () => {
    const utf8 = await importCalls(CSV, { month: '2015-01', agents: roster });
    const bom = tmpFile('calls-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(zhText(), 'utf8')]));
    const r = await importCalls(bom, { month: '2015-01', agents: zhRoster });
    expect(r.inputs).toEqual(utf8.inputs);
    expect(String(r.messages[0])).toContain('CSV, UTF-8');
  });

  it('an .xlsx whose dates are plain serial numbers or dd-mm-yy text reads like the CSV', async () => {
    const head = [
      'Call Id',
      'Date',
      'Agent',
      'Department',
      'Answered (Y/N)',
      'Resolved',
      'Speed of Answer',
      'AvgTalkDuration',
      'Satisfaction rating',
    ];
    const rows: Array<Array<string | number | null>> = [
      // 2015-01-02 10:05 = 42006 + 10:05/24h
      ['ID2', 42006 + (10 * 60 + 5) / 1440, 'Jim', 'TV', 'Y', 'Y', 10, null, 5],
      ['ID1', 42006 + (10 * 60 + 5) / 1440, 'Jim', 'TV', 'Y', 'Y', 10, null, 1],
      ['ID3', 42005.5, 'Jim', 'TV', 'Y', 'Y', 10, null, 3],
      ['ID4', 42005.6, 'Jim', 'TV', 'N', 'N', null, null, null],
      ['ID5', 42036.5, 'Jim', 'TV', 'Y', 'Y', 10, null, 4], // 2015-02-01
      ['ID6', 42005.7, 'Dan', 'TV', 'N', 'N', null, null, null],
    ];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('calls');
    ws.addRow(head);
    rows.forEach((r) => ws.addRow(r));
    const p = path.join(tmp, 'serials.xlsx');
    await wb.xlsx.writeFile(p);
    const r = await importCalls(p, { month: '2015-01', agents: roster });
    expect(r.inputs).toEqual({ E05: { S01: 3, S02: 'CDA' }, E02: { A01: 1 } });
    expect(r.messages.join('\n')).toMatch(/fewer than 20, scaled to 20 by D6/);

    // the same as dd-mm-yy text with a separate time column, read with an edited mapping
    const wb2 = new ExcelJS.Workbook();
    const ws2 = wb2.addWorksheet('calls');
    ws2.addRow(['ID', 'Day', 'When', 'Who', 'Picked up', 'Score']);
    ws2.addRow(['ID2', '02-01-15', '10:05', 'jim ', 'yes', '5']);
    ws2.addRow(['ID1', '02-01-15', '10:05', 'JIM', 'Yes', '1']);
    ws2.addRow(['ID3', '01-01-15', '12:00', 'Jim', 'yes', 3]);
    ws2.addRow(['ID4', '01-01-15', '14:24', 'Jim', 'no', '']);
    ws2.addRow(['ID6', '01-01-15', '16:48', 'Dan', 'no', '']);
    const p2 = path.join(tmp, 'text-dates.xlsx');
    await wb2.xlsx.writeFile(p2);
    const mapping: CallMapping = {
      ...PRESET_CALLS_2015Q1,
      callId: 'ID',
      date: 'Day',
      time: 'When',
      agent: 'Who',
      answered: 'Picked up',
      satisfaction: 'Score',
      answeredYes: ['yes'],
    };
    const r2 = await importCalls(p2, { month: '2015-01', agents: roster, mapping });
    expect(r2.inputs).toEqual(r.inputs);
  });
});

describe('importCalls: mapping, sample and skipped rows', () => {
  const agents: Agent[] = [
    { id: 'P1', name: 'Ann', role: 'pre-sales', group: 'G1' },
    { id: 'S1', name: 'Bob', role: 'after-sales', group: 'G2' },
    { id: 'S2', name: 'Cy', role: 'after-sales', group: 'G2' },
  ];
  const header = 'Call Id,Date,Time,Agent,Department,Answered (Y/N),Resolved,Speed of Answer,AvgTalkDuration,Satisfaction rating';
  const row = (id: string, date: string, time: string, agent: string, ans: string, rating = '') =>
    `${id},${date},${time},${agent},TV,${ans},${ans},${ans === 'Y' ? 20 : ''},${ans === 'Y' ? '00:01:00' : ''},${rating}`;

  it('reports unreadable dates, ratings, blank answered flags and ratings on unanswered calls with their row numbers', async () => {
    const p = tmpFile(
      'bad-rows.csv',
      [
        header,
        row('ID1', '05-01-15', '09:00', 'Bob', 'Y', '5'), // row 2
        row('ID2', '32-01-15', '09:00', 'Bob', 'Y', '5'), // row 3: no such day
        row('ID3', 'yesterday', '09:00', 'Ann', 'N'), // row 4
        row('ID4', '05-01-15', '09:01', 'Bob', 'Y', '7'), // row 5: rating not in the table
        row('ID5', '05-01-15', '09:02', 'Ann', 'N', '3'), // row 6: rating on an unanswered call
        row('ID6', '05-01-15', '09:03', 'Ann', ''), // row 7: answered blank
        row('ID7', '05-02-15', '09:03', 'Ann', 'N'), // row 8: February
        row('ID8', '06-01-15', '09:04', 'Zed', 'N'), // row 9: not in the roster
        '',
        row('ID9', '06-01-15', '25:00', 'Bob', 'Y', '4'), // row 11 (the blank line is row 10): bad time
      ].join('\r\n'),
    );
    const r = await importCalls(p, { month: '2015-01', agents });
    expect(r.inputs).toEqual({ P1: { A01: 1 }, S1: { S01: 3, S02: 'AB' } });
    expect(r.unknownAgents).toEqual([{ name: 'Zed', rows: 1 }]);
    const text = r.messages.join('\n');
    expect(text).toContain('2 rows skipped, date not readable as dd-mm-yy: rows 3 ("32-01-15"), 4 ("yesterday")');
    expect(text).toContain(
      '1 answered call with a rating not in the rating table (1, 2, 3, 4, 5) counted as answered but not taken for S02: row 5 ("7")',
    );
    expect(text).toContain('1 unanswered call with a rating, rating ignored: row 6 ("3")');
    expect(text).toContain('1 row skipped, "Answered (Y/N)" blank: row 7');
    expect(text).toContain('1 call with a blank or unreadable time, ordered after the other calls of their day: row 11 ("25:00")');
    expect(text).toContain('1 row of other months skipped');
    expect(text).toContain('Agent "Zed" of the log is not in the roster: 1 call of 2015-01 not imported (row 9)');
    expect(text).toContain('S2 Cy (after-sales): no call of 2015-01 in the log; nothing imported');
  });

  it('sample size and rating table are editable; an agent without ratings gets no S02 (D11)', async () => {
    const lines = [header];
    for (let i = 1; i <= 30; i++)
      lines.push(row(`ID${i}`, `${String(1 + (i % 28)).padStart(2, '0')}-01-15`, '10:00', 'Bob', 'Y', String(1 + (i % 5))));
    lines.push(row('ID99', '03-01-15', '10:00', 'Cy', 'Y'));
    const p = tmpFile('sample.csv', lines.join('\n'));
    const def = await importCalls(p, { month: '2015-01', agents });
    expect(String(def.inputs.S1.S02)).toHaveLength(20);
    expect(def.inputs.S1.S01).toBe(30);
    expect(def.inputs.S2).toEqual({ S01: 1 });
    expect(def.messages.join('\n')).toContain(
      'S2 Cy (after-sales): 1 call, 1 answered → S01 = 1; no rated answered call, S02 not imported (incomplete, D11)',
    );
    // day 1+(i%28): i=28 → 01-01 (rating 4), i=1 and 29 → 02-01 (ratings 2, 5; ID1 before ID29), i=2 and 30 → 03-01 (3, 1)
    const five = await importCalls(p, {
      month: '2015-01',
      agents,
      mapping: { ...PRESET_CALLS_2015Q1, sampleSize: 5, ratingToLetter: { '5': 'A', '4': 'A', '3': 'B', '2': 'C', '1': 'D' } },
    });
    expect(five.inputs.S1.S02).toBe('ACABD');
  });

  it('unansweredToA01: false leaves A01 to the entries and says so', async () => {
    const p = tmpFile(
      'a01.csv',
      [header, row('ID1', '05-01-15', '09:00', 'Ann', 'N'), row('ID2', '05-01-15', '09:00', 'Ann', 'Y', '4')].join('\n'),
    );
    expect((await importCalls(p, { month: '2015-01', agents })).inputs).toEqual({ P1: { A01: 1 } });
    const off = await importCalls(p, { month: '2015-01', agents, mapping: { ...PRESET_CALLS_2015Q1, unansweredToA01: false } });
    expect(off.inputs).toEqual({});
    expect(off.messages.join('\n')).toContain(
      'P1 Ann (pre-sales): 2 calls, 1 unanswered, 1 answered; nothing imported (this mapping leaves A01 to the entries',
    );
  });

  it('yyyy-mm-dd dates, a semicolon delimiter and 4-digit years in dd-mm-yy; years 00–69 are 20xx', async () => {
    const p = tmpFile(
      'semi.csv',
      ['Agent;Date;Answered (Y/N);Satisfaction rating', 'Bob;2015-01-04 10:00;Y;5', 'Bob;2015-1-5;Y;4', 'Bob;2015-02-01;Y;4'].join('\n'),
    );
    const mapping: CallMapping = {
      agent: 'Agent',
      date: 'Date',
      answered: 'Answered (Y/N)',
      satisfaction: 'Satisfaction rating',
      dateFormat: 'yyyy-mm-dd',
      answeredYes: ['Y'],
      ratingToLetter: { '5': 'A', '4': 'B' },
      sampleSize: 20,
    };
    const r = await importCalls(p, { month: '2015-01', agents, mapping });
    expect(r.inputs).toEqual({ S1: { S01: 2, S02: 'AB' } });
    expect(String(r.messages[0])).toContain('delimiter ;');
    const q = tmpFile(
      'years.csv',
      [
        header,
        row('ID1', '05-01-1969', '09:00', 'Bob', 'Y', '5'),
        row('ID2', '05-01-69', '09:00', 'Bob', 'Y', '5'),
        row('ID3', '05-01-70', '09:00', 'Bob', 'Y', '5'),
      ].join('\n'),
    );
    expect((await importCalls(q, { month: '2069-01', agents })).inputs).toEqual({ S1: { S01: 1, S02: 'A' } });
    expect((await importCalls(q, { month: '1969-01', agents })).inputs).toEqual({ S1: { S01: 1, S02: 'A' } });
    expect((await importCalls(q, { month: '1970-01', agents })).inputs).toEqual({ S1: { S01: 1, S02: 'A' } });
  });

  it('row numbers are the lines of the file after a quoted cell over two lines (CRLF, as Excel on Windows writes)', async () => {
    // lines: 1 header, 2–3 the ID1 call (its Department spans two lines), 4 the ID2 call with a bad date
    const p = tmpFile(
      'crlf.csv',
      [header, 'ID1,05-01-15,09:00,Bob,"TV\r\nand radio",Y,Y,20,00:01:00,5', 'ID2,32-01-15,09:00,Bob,TV,Y,Y,20,00:01:00,5'].join('\r\n'),
    );
    const r = await importCalls(p, { month: '2015-01', agents });
    expect(r.inputs).toEqual({ S1: { S01: 1, S02: 'A' } });
    expect(r.messages.join('\n')).toContain('1 row skipped, date not readable as dd-mm-yy: row 4 ("32-01-15").');
  });

  it('agentAliases maps a log name to an employee id; an alias to an unknown id is reported', async () => {
    const p = tmpFile(
      'alias.csv',
      [header, row('ID1', '05-01-15', '09:00', 'L', 'Y', '5'), row('ID2', '05-01-15', '09:00', 'Bobby', 'Y', '5')].join('\n'),
    );
    const r = await importCalls(p, {
      month: '2015-01',
      agents,
      mapping: { ...PRESET_CALLS_2015Q1, agentAliases: { l: 'S1', Bobby: 'X9' } },
    });
    expect(r.inputs).toEqual({ S1: { S01: 1, S02: 'A' } });
    expect(r.unknownAgents).toEqual([{ name: 'Bobby', rows: 1 }]);
    expect(r.messages.join('\n')).toContain('the name is mapped to "X9", which is not an employee id of the roster');
  });

  it('a month without calls imports nothing and says which months the log covers', async () => {
    const p = tmpFile('feb.csv', [header, row('ID1', '05-02-15', '09:00', 'Bob', 'Y', '5')].join('\n'));
    const r = await importCalls(p, { month: '2015-01', agents });
    expect(r.inputs).toEqual({});
    expect(r.messages.join('\n')).toContain('No call of 2015-01 in the log (it covers 2015-02 to 2015-02): nothing imported.');
  });
});

describe('importCalls: bad files fail with clear messages', () => {
  const agents: Agent[] = [{ id: 'S1', name: 'Bob', role: 'after-sales', group: 'G2' }];
  const opts = { month: '2015-01', agents };

  it('a file that is neither CSV nor xlsx names the file', async () => {
    const png = tmpFile('picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    await expect(importCalls(png, opts)).rejects.toThrow(`${png}: is neither a CSV text file nor an .xlsx workbook`);
    const xls = tmpFile('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    await expect(importCalls(xls, opts)).rejects.toThrow(`${xls}: is an old binary Excel (.xls)`);
    const fake = tmpFile('fake.xlsx', 'Agent,Date\n');
    await expect(importCalls(fake, opts)).rejects.toThrow(`${fake}: has an .xlsx name but is not an .xlsx workbook`);
    const zip = tmpFile('broken.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)]));
    await expect(importCalls(zip, opts)).rejects.toThrow(`${zip}: not a readable .xlsx workbook`);
    const none = path.join(tmp, 'nope.csv');
    await expect(importCalls(none, opts)).rejects.toThrow(`${none}: cannot read the call log (ENOENT)`);
    const empty = tmpFile('empty.csv', '');
    await expect(importCalls(empty, opts)).rejects.toThrow(`${empty}: the file is empty (no header row)`);
  });

  it('a PDF or UTF-16 text: what it is, and that CSV or .xlsx is taken (the messages of the roster)', async () => {
    const save = 'save it as .xlsx or as "CSV UTF-8 (comma delimited)"';
    const pdf = tmpFile('calls.pdf', '%PDF-1.4\n');
    await expect(importCalls(pdf, opts)).rejects.toThrow(`${pdf}: is a PDF file, not a CSV text file or an .xlsx workbook; ${save}`);
    const u16 = tmpFile('calls.txt', iconv.encode('\ufeffAgent\tDate\n', 'utf-16le'));
    await expect(importCalls(u16, opts)).rejects.toThrow(
      `${u16}: is UTF-16 text (Excel "Unicode text"), not a CSV text file or an .xlsx workbook; ${save}`,
    );
  });

  it('a CSV without the mapped columns names the file and every missing column', async () => {
    const p = tmpFile('missing.csv', 'Call Id,Date,Time,Agent Name,Answered (Y/N)\nID1,01-01-15,09:00,Bob,Y\n');
    await expect(importCalls(p, { ...opts, mapping: PRESET_CALLS_2015Q1 })).rejects.toThrow(
      `${p}: missing columns "Agent" (agent), "Satisfaction rating" (satisfaction); the header row has "Call Id", "Date", "Time", "Agent Name", "Answered (Y/N)"`,
    );
    await expect(importCalls(p, opts)).rejects.toThrow(
      new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no call mapping given and the header row matches no preset`),
    );
  });

  it('a bad month or mapping is an error naming the file', async () => {
    const p = tmpFile('ok.csv', 'Agent,Date,Answered (Y/N),Satisfaction rating\nBob,01-01-15,Y,5\n');
    await expect(importCalls(p, { ...opts, month: '2015-1' })).rejects.toThrow(`${p}: month "2015-1" is not YYYY-MM`);
    const bad = { ...PRESET_RAW_2015Q1, sampleSize: 0, ratingToLetter: { '5': 'E' as 'A' } };
    await expect(importCalls(p, { ...opts, mapping: bad })).rejects.toThrow(
      `${p}: invalid call mapping: sampleSize 0 is not a whole number ≥ 1; ratingToLetter["5"] = "E" is not a letter A–D`,
    );
  });
});

describe('detectPreset', () => {
  it('recognises the cleaned CSV and the raw xlsx header rows, and nothing else', () => {
    const csvHead = 'Call Id,Date,Time,Agent,Department,Answered (Y/N),Resolved,Speed of Answer,AvgTalkDuration,Satisfaction rating'.split(
      ',',
    );
    const rawHead = [
      'Call Id',
      'Date',
      'Agent',
      'Department',
      'Answered (Y/N)',
      'Resolved',
      'Speed of Answer',
      'AvgTalkDuration',
      'Satisfaction rating',
    ];
    expect(detectPreset(csvHead)).toEqual(PRESET_CALLS_2015Q1);
    expect(detectPreset(rawHead)).toEqual(PRESET_RAW_2015Q1);
    expect(detectPreset(csvHead.map((h) => ` ${h.toUpperCase()} `))).toEqual(PRESET_CALLS_2015Q1);
    expect(detectPreset(['Agent', 'Date'])).toBeUndefined();
    const copy = detectPreset(csvHead)!;
    copy.ratingToLetter['1'] = 'C';
    copy.sampleSize = 5;
    expect(PRESET_CALLS_2015Q1.ratingToLetter['1']).toBe('D');
    expect(PRESET_CALLS_2015Q1.sampleSize).toBe(20);
  });

  it('documents the default rating table 5→A 4→B 3→C 2→D 1→D in both presets', () => {
    for (const p of [PRESET_CALLS_2015Q1, PRESET_RAW_2015Q1])
      expect(p.ratingToLetter).toEqual({ '5': 'A', '4': 'B', '3': 'C', '2': 'D', '1': 'D' });
  });
});
