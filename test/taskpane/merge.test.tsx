/** @jest-environment jsdom */
/**
 * "Add another supervisor's workbook" in the pane (issue 11, D16), on the strict fake Excel: the Import tab's button
 * takes an .xlsx (read in the browser by xlsx-lite), merges it into the open workbook in 2 context.syncs and lists
 * who was added, the roster's and records' source column naming the file. A conflict is said in the MessageBar
 * naming both workbooks and the cells, nothing written; choosing the workbook that is right merges with its values.
 * Both languages.
 */
import '@testing-library/jest-dom';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/taskpane/App';
import { createOfficeHost } from '../../src/office/host';
import { insertIntoWorkbook, requestBudgetFor } from '../../src/office/writer';
import { checkSupport } from '../../src/office/requirements';
import { Agent } from '../../src/templates/model';
import { SHEET_NAMES } from '../../src/templates/i18n';
import { buildWorkbook } from '../../src/templates/workbook';
import { RECORDS_FIRST_ROW } from '../../src/templates/sheets/records';
import type { KpiRecord } from '../../src/core/records';
import { workbookBuffer } from '../../src/xlsx/writer';
import { FakeWorkbook, HOSTS } from '../helpers/fakeExcel';
import { isSetSupported } from '../helpers/fake-excel/hosts';

configure({ asyncUtilTimeout: 30000 });
jest.setTimeout(120000);

const web = HOSTS.web;
const features = checkSupport((set, v) => isSetSupported(web, set, v)).features;
const NOW = new Date(2024, 3, 15);
const MONTH = '2024-03';

beforeAll(() => {
  // jsdom lacks TextDecoder and DecompressionStream (browsers have both); Node has them
  const g = globalThis as unknown as { TextDecoder?: unknown; DecompressionStream?: unknown };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof g.TextDecoder === 'undefined') g.TextDecoder = require('util').TextDecoder;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof g.DecompressionStream === 'undefined') g.DecompressionStream = require('stream/web').DecompressionStream;
});
afterEach(() => delete (globalThis as unknown as { Office?: unknown }).Office);

const MINE: Agent[] = [
  { id: 'E01', name: 'Ann', role: 'pre-sales', group: 'G1' },
  { id: 'E02', name: 'Bo', role: 'after-sales', group: 'G1' },
];
const THEIRS: Agent[] = [
  { id: 'E03', name: '蔡', role: 'pre-sales', group: 'G2' },
  { id: 'E04', name: 'Dee', role: 'after-sales', group: 'G2', leader: 'Dee' },
];
const INPUTS: Record<string, Record<string, number | string>> = {
  E01: { EX: 80 },
  E02: { S01: 30, S02: 'AAB', S03: 'A', S06: 'B' },
  E03: { EX: 70 },
  E04: { S01: 50, S02: 'BB', S03: 'B', S06: 'B' },
};
const rec = (id: string, code: string, day: string): KpiRecord => ({
  date: `${MONTH}-${day}`,
  id,
  code,
  count: 1,
  evidence: `call ${id}`,
  by: 'Li',
  status: '',
});

const inputsOf = (agents: Agent[], over: typeof INPUTS = {}) =>
  Object.fromEntries(Object.entries({ ...INPUTS, ...over }).filter(([id]) => agents.some((a) => a.id === id)));

/** The open workbook: `agents`' month inserted by the pane into a fake Excel on the web, Office as the pane sees it. */
async function open(lang: 'zh' | 'en', agents: Agent[]) {
  const wb = new FakeWorkbook(undefined, web);
  const spec = buildWorkbook({ month: MONTH, agents, inputs: inputsOf(agents), records: [rec('E01', 'A01', '04')], lang, mode: 'plain' });
  await insertIntoWorkbook(spec, { run: wb.run, features, requestBudget: requestBudgetFor(web.platform) });
  (globalThis as unknown as { Office?: unknown }).Office = {
    context: {
      displayLanguage: lang === 'zh' ? 'zh-CN' : 'en-US',
      platform: 'OfficeOnline',
      requirements: { isSetSupported: wb.isSetSupported },
      document: { url: 'https://contoso.sharepoint.com/Shared%20Documents/dept.xlsx' },
    },
  };
  return { wb, host: createOfficeHost(wb.run, { retryMs: [5] }) };
}

/** Another supervisor's month workbook as an uploaded file (written by the .xlsx writer, in the other language). */
async function upload(name: string, lang: 'zh' | 'en', agents: Agent[], over: typeof INPUTS = {}) {
  const spec = buildWorkbook({
    month: MONTH,
    agents,
    inputs: inputsOf(agents, over),
    records: [rec('E03', 'A02', '05')],
    lang,
    mode: 'plain',
  });
  return new File([new Uint8Array(await workbookBuffer(spec))], name, {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}

const roster = (wb: FakeWorkbook, lang: 'zh' | 'en') => {
  const sh = wb.sheet(SHEET_NAMES[lang].roster)!;
  const rows: unknown[][] = [];
  for (let r = 3; sh.value(`A${r}`); r++) rows.push(['A', 'B', 'F'].map((c) => sh.value(`${c}${r}`)));
  return rows;
};

describe.each(['zh', 'en'] as const)('%s', (lang) => {
  const other = lang === 'zh' ? 'en' : 'zh';
  test('the Import tab’s “add another supervisor’s workbook”: 2 syncs, who was added, the source column filled', async () => {
    const { wb, host } = await open(lang, MINE);
    const user = userEvent.setup();
    render(<App host={host} now={NOW} />);
    await user.click(screen.getByTestId('tab-import'));
    const button = await screen.findByTestId('merge-upload');
    expect(button).toHaveTextContent(lang === 'zh' ? '添加其他主管的工作簿…' : 'Add another supervisor’s workbook…');
    const before = wb.stats.syncs;
    await user.upload(screen.getByTestId('merge-file'), await upload('team2.xlsx', other, THEIRS));
    const added = await screen.findByTestId('merge-added');
    expect(wb.stats.syncs - before).toBe(2);
    expect(added).toHaveTextContent(
      lang === 'zh' ? '新增员工(来源工作簿:team2.xlsx) (2)' : 'Agents added (source workbook: team2.xlsx) (2)',
    );
    expect(
      within(added)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['E03 蔡', 'E04 Dee']);
    expect(screen.getByTestId('message-bar')).toHaveTextContent(
      lang === 'zh'
        ? '已合并 team2.xlsx:新增 2 名员工,共 4 名员工、2 条记录'
        : 'Merged team2.xlsx: 2 agents added, 4 agents and 2 records in all',
    );
    // this workbook is named by its file (Office's document URL), the other by the upload's name
    expect(roster(wb, lang)).toEqual([
      ['E01', 'Ann', 'dept.xlsx'],
      ['E02', 'Bo', 'dept.xlsx'],
      ['E03', '蔡', 'team2.xlsx'],
      ['E04', 'Dee', 'team2.xlsx'],
    ]);
    const records = wb.sheet(SHEET_NAMES[lang].records)!;
    expect([RECORDS_FIRST_ROW, RECORDS_FIRST_ROW + 1].map((r) => [records.value(`B${r}`), records.value(`L${r}`)])).toEqual([
      ['E01', 'dept.xlsx'],
      ['E03', 'team2.xlsx'],
    ]);
    // the written test holds both supervisors' figures (the merged roster's pre-sales agents: E01, E03)
    expect(['D4', 'D5'].map((a) => wb.sheet(SHEET_NAMES[lang].test)!.value(a))).toEqual([80, 70]);
  });

  test('a conflict is refused naming both workbooks and the cells; choosing one merges with its values', async () => {
    const { wb, host } = await open(lang, MINE);
    const user = userEvent.setup();
    render(<App host={host} now={NOW} />);
    await user.click(screen.getByTestId('tab-import'));
    await screen.findByTestId('merge-upload');
    const syncs = wb.stats.syncs;
    // E01 is on both rosters with another written test in the upload
    await user.upload(screen.getByTestId('merge-file'), await upload('b.xlsx', lang, [...THEIRS, MINE[0]], { E01: { EX: 95 } }));
    const bar = await screen.findByTestId('message-bar');
    await waitFor(() =>
      expect(bar).toHaveTextContent(
        lang === 'zh' ? '未合并:本工作簿与 b.xlsx 之间有 1 处冲突' : 'not merged: 1 conflict between this workbook and b.xlsx',
      ),
    );
    // each conflict under the headline, naming both workbooks and the cells; what to do: the choice below
    const test = SHEET_NAMES[lang].test;
    expect(bar).toHaveTextContent(
      lang === 'zh'
        ? `E01 EX:dept.xlsx ${test}!D4 为 80,b.xlsx ${test}!D5 为 95`
        : `E01 EX: 80 in dept.xlsx ${test}!D4 but 95 in b.xlsx ${test}!D5`,
    );
    expect(bar).toHaveTextContent(lang === 'zh' ? '在下方选择冲突处以哪个工作簿为准' : 'Choose below which workbook is right');
    // one read, nothing written
    expect(wb.stats.syncs - syncs).toBe(1);
    expect(wb.sheet(test)!.value('D4')).toBe(80);
    expect(screen.queryByTestId('merge-added')).toBeNull();

    const choice = screen.getByTestId('merge-choice');
    expect(within(choice).getByTestId('merge-prefer-this')).toHaveTextContent('dept.xlsx');
    await user.click(within(choice).getByTestId('merge-prefer-other'));
    await screen.findByTestId('merge-added');
    expect(wb.sheet(test)!.value('D4')).toBe(95);
    expect(screen.queryByTestId('merge-choice')).toBeNull();
    expect(screen.getByTestId('message-bar')).toHaveTextContent(
      lang === 'zh' ? '已合并 b.xlsx:新增 2 名员工' : 'Merged b.xlsx: 2 agents added',
    );
  });

  test('a file that is not a month’s workbook: said, nothing written', async () => {
    const { wb, host } = await open(lang, MINE);
    const user = userEvent.setup();
    render(<App host={host} now={NOW} />);
    await user.click(screen.getByTestId('tab-import'));
    await screen.findByTestId('merge-upload');
    const syncs = wb.stats.syncs;
    const spec = buildWorkbook({ month: MONTH, agents: THEIRS, lang, mode: 'plain' });
    const onlyRoster = { ...spec, sheets: spec.sheets.filter((s) => s.key === 'roster'), names: [] };
    await user.upload(screen.getByTestId('merge-file'), new File([new Uint8Array(await workbookBuffer(onlyRoster))], 'roster.xlsx'));
    await waitFor(() =>
      expect(screen.getByTestId('message-bar')).toHaveTextContent(
        lang === 'zh'
          ? 'roster.xlsx 不是 KPI 表单的月度工作簿(缺少 KPI_MONTH)'
          : "roster.xlsx is not a month's workbook of the KPI forms (it has no KPI_MONTH)",
      ),
    );
    expect(wb.stats.syncs).toBe(syncs);
  });
});
