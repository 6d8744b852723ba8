/** @jest-environment jsdom */
/**
 * The Record tab on the strict fake Excel (the Office.js host over a FakeWorkbook with the records sheet and
 * the roster), in zh and en: record one event (agent by type-ahead, item, count, evidence; Enter), undo it,
 * dispute and uphold a record from "this agent's records" — each one `context.sync`, counted by the fake.
 * The items of the agent's kind are listed with the workbook's most used first; a record that breaks the
 * sheet's rules is refused on its field and nothing is written; the results list opens an agent's records.
 */
import '@testing-library/jest-dom';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/taskpane/App';
import { createOfficeHost } from '../../src/office/host';
import type { KpiHost, SummaryRow } from '../../src/office/host';
import { insertIntoWorkbook, requestBudgetFor } from '../../src/office/writer';
import { checkSupport } from '../../src/office/requirements';
import { buildWorkbook } from '../../src/templates/workbook';
import { RECORDS_FIRST_ROW } from '../../src/templates/sheets/records';
import type { KpiRecord } from '../../src/core/records';
import { FakeWorkbook, HOSTS } from '../helpers/fakeExcel';
import { isSetSupported } from '../helpers/fake-excel/hosts';
import { sampleAgents } from '../helpers/sync-count';

configure({ asyncUtilTimeout: 15000 });
jest.setTimeout(60000);

const host = HOSTS['m365-windows'];
const features = checkSupport((set, v) => isSetSupported(host, set, v)).features;
const NOW = new Date(2024, 2, 15); // 15 March 2024: in the workbook's month
const SHEET = { zh: '考核记录', en: 'Records' } as const;
/** the sheet's status words (templates: STATUS_WORDS) */
const WORD = {
  zh: { disputed: '申诉中', upheld: '维持', withdrawn: '撤销' },
  en: { disputed: 'disputed', upheld: 'upheld', withdrawn: 'withdrawn' },
};

/** E001 (Agent 1) and E003 (Agent 3) pre-sales, E002 and E004 after-sales; March 2024; two A06 records of E003 already. */
async function workbook(lang: 'zh' | 'en') {
  const prior: KpiRecord = { date: '2024-03-01', id: 'E003', code: 'A06', count: 1, evidence: 'call 1', by: 'Li', status: '' };
  const spec = buildWorkbook({
    month: '2024-03',
    agents: sampleAgents(4),
    mode: 'plain',
    lang,
    records: [prior, { ...prior, evidence: 'call 2' }],
  });
  const wb = new FakeWorkbook(undefined, host);
  await insertIntoWorkbook(spec, { sheets: ['records'], run: wb.run, features, requestBudget: requestBudgetFor(host.platform) });
  (globalThis as unknown as { Office?: unknown }).Office = {
    context: { displayLanguage: lang === 'zh' ? 'zh-CN' : 'en-US', platform: 'PC', requirements: { isSetSupported: wb.isSetSupported } },
  };
  return { wb, host: createOfficeHost(wb.run, { retryMs: [5] }) };
}

beforeEach(() => localStorage.clear());
afterEach(() => delete (globalThis as unknown as { Office?: unknown }).Office);

async function openRecordTab(kpiHost: KpiHost) {
  const user = userEvent.setup();
  render(<App host={kpiHost} now={NOW} />);
  await user.click(screen.getByTestId('tab-record'));
  await screen.findByTestId('record-form');
  // the records sheet and the roster are read: the submit button is on
  await waitFor(() => expect(screen.getByTestId('record-submit')).toBeEnabled());
  return user;
}

async function chooseAgent(user: ReturnType<typeof userEvent.setup>, typed: string, id: string) {
  await user.click(screen.getByTestId('record-agent'));
  await user.type(screen.getByTestId('record-agent'), typed);
  await user.click(await screen.findByTestId(`record-agent-${id}`));
}

const row = (wb: FakeWorkbook, lang: 'zh' | 'en', r: number) => {
  const sh = wb.sheet(SHEET[lang])!;
  return ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((c) => sh.value(`${c}${r}`));
};

describe.each(['zh', 'en'] as const)('%s', (lang) => {
  test('record (Enter), undo, dispute and uphold: one sync each, into the sheet in its language', async () => {
    const { wb, host: h } = await workbook(lang);
    const user = await openRecordTab(h);
    // type-ahead over the name: "Agent 3" leaves E003 among the options
    await chooseAgent(user, 'Agent 3', 'E003');
    // the workbook's most used item of the kind first (A06: two records), then the kind's order
    const options = within(screen.getByTestId('record-item'))
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value);
    expect(options.slice(0, 3)).toEqual(['A06', 'A01', 'A02']);
    expect(options).not.toContain('S04'); // an after-sales item
    await user.type(screen.getByTestId('record-by'), 'Wang');
    await user.type(screen.getByTestId('record-evidence'), 'call 1042 10:42');
    let before = wb.stats.syncs;
    await user.keyboard('{Enter}');
    await screen.findByTestId(`recent-${RECORDS_FIRST_ROW + 2}`);
    expect(wb.stats.syncs - before).toBe(1);
    // 2024-03-15 is day 45366 of Excel's 1900 date system (DATE(2024,3,15)); the new record after the two there
    expect(row(wb, lang, RECORDS_FIRST_ROW + 2)).toEqual([45366, 'E003', 'A06', 1, 'call 1042 10:42', 'Wang', '']);
    expect(screen.getByTestId('message-bar')).toHaveTextContent(lang === 'zh' ? '已记录' : 'Recorded');
    // who records is remembered
    expect(localStorage.getItem('kpi-forms.recordedBy')).toBe('Wang');

    // undo: the record withdrawn (kept in the log, counting for nothing), one sync
    before = wb.stats.syncs;
    await user.click(screen.getByTestId(`undo-${RECORDS_FIRST_ROW + 2}`));
    await waitFor(() => expect(row(wb, lang, RECORDS_FIRST_ROW + 2)[6]).toBe(WORD[lang].withdrawn));
    expect(wb.stats.syncs - before).toBe(1);
    expect(row(wb, lang, RECORDS_FIRST_ROW + 2).slice(0, 6)).toEqual([45366, 'E003', 'A06', 1, 'call 1042 10:42', 'Wang']);
    await waitFor(() => expect(screen.queryByTestId(`undo-${RECORDS_FIRST_ROW + 2}`)).toBeNull());

    // this agent's records: the two before and the one withdrawn; dispute the first, then uphold it
    const list = screen.getByTestId('agent-records');
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    before = wb.stats.syncs;
    await user.click(screen.getByTestId(`set-disputed-${RECORDS_FIRST_ROW}`));
    await waitFor(() => expect(row(wb, lang, RECORDS_FIRST_ROW)[6]).toBe(WORD[lang].disputed));
    expect(wb.stats.syncs - before).toBe(1);
    await waitFor(() => expect(screen.getByTestId(`agent-record-${RECORDS_FIRST_ROW}`)).toHaveAttribute('data-status', 'disputed'));
    before = wb.stats.syncs;
    await user.click(screen.getByTestId(`set-upheld-${RECORDS_FIRST_ROW}`));
    await waitFor(() => expect(row(wb, lang, RECORDS_FIRST_ROW)[6]).toBe(WORD[lang].upheld));
    expect(wb.stats.syncs - before).toBe(1);
    // the other record untouched
    expect(row(wb, lang, RECORDS_FIRST_ROW + 1)[6]).toBe('');
  });

  test('a record that breaks the sheet’s rules is refused on its field; nothing is written', async () => {
    const { wb, host: h } = await workbook(lang);
    const user = await openRecordTab(h);
    await chooseAgent(user, 'E001', 'E001');
    await user.clear(screen.getByTestId('record-count'));
    await user.type(screen.getByTestId('record-count'), '1.5'); // A-items are whole occurrences (D4)
    const before = wb.stats.syncs;
    await user.click(screen.getByTestId('record-submit'));
    expect(await screen.findByText(lang === 'zh' ? '次数不符合该项目的规则' : 'The count breaks the item’s rule')).toBeInTheDocument();
    expect(wb.stats.syncs).toBe(before);
    expect(row(wb, lang, RECORDS_FIRST_ROW + 2)).toEqual(['', '', '', '', '', '', '']);
    // B06 counts days in halves: its label says days and 1.5 is taken
    await user.selectOptions(screen.getByTestId('record-item'), 'B06');
    expect(screen.getByText(lang === 'zh' ? '天数' : 'Days')).toBeInTheDocument();
    await user.click(screen.getByTestId('record-submit'));
    await waitFor(() => expect(row(wb, lang, RECORDS_FIRST_ROW + 2).slice(1, 4)).toEqual(['E001', 'B06', 1.5]));
  });

  test('the results list opens an agent’s records on the Record tab', async () => {
    const { host: h } = await workbook(lang);
    const summary: SummaryRow = {
      id: 'E003',
      name: 'Agent 3',
      role: 'pre-sales',
      total: 90,
      rank: 1,
      pay: 300,
      flags: '',
      formCell: { sheet: 'x', address: 'A1' },
    } as unknown as SummaryRow;
    const user = userEvent.setup();
    render(<App host={{ ...h, readSummary: async () => [summary] }} now={NOW} />);
    await user.click(screen.getByTestId('tab-results'));
    await user.click(await screen.findByTestId('read-results'));
    await user.click(await screen.findByTestId('records-E003'));
    const list = await screen.findByTestId('agent-records');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByTestId('record-agent')).toHaveValue('E003 Agent 3');
  });
});

test('no records sheet: the tab says to insert the whole workbook', async () => {
  const wb = new FakeWorkbook(['Sheet1'], host);
  (globalThis as unknown as { Office?: unknown }).Office = {
    context: { displayLanguage: 'zh-CN', platform: 'PC', requirements: { isSetSupported: wb.isSetSupported } },
  };
  const user = userEvent.setup();
  render(<App host={createOfficeHost(wb.run)} now={NOW} />);
  await user.click(screen.getByTestId('tab-record'));
  expect(await screen.findByTestId('record-no-sheet')).toHaveTextContent('请先插入整套工作簿');
});
