/** @jest-environment jsdom */
/**
 * The Record tab under co-authoring (issue 11, "Many people, one workbook"), on the strict fake Excel: Li's record,
 * written on her copy into the row this pane's record took at the same moment, wins the row when the copies merge
 * (FakeWorkbook.coauthor). The pane's next record (one sync when nothing happened) sees it, writes the lost record
 * again after the last row, says so, and lists it at its new row; Li's record stays.
 */
import '@testing-library/jest-dom';
import { configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/taskpane/App';
import { createOfficeHost } from '../../src/office/host';
import { recordValues } from '../../src/office/records';
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

const host = HOSTS.web;
const features = checkSupport((set, v) => isSetSupported(host, set, v)).features;
const NOW = new Date(2024, 2, 15);
const SHEET = { zh: '考核记录', en: 'Records' } as const;
const R = RECORDS_FIRST_ROW;

beforeEach(() => localStorage.clear());
afterEach(() => delete (globalThis as unknown as { Office?: unknown }).Office);

describe.each(['zh', 'en'] as const)('%s', (lang) => {
  test('a record whose row a co-author’s record won is written again at the next record, and said', async () => {
    const spec = buildWorkbook({ month: '2024-03', agents: sampleAgents(4), mode: 'plain', lang });
    const wb = new FakeWorkbook(undefined, host);
    await insertIntoWorkbook(spec, { sheets: ['records'], run: wb.run, features, requestBudget: requestBudgetFor(host.platform) });
    (globalThis as unknown as { Office?: unknown }).Office = {
      context: {
        displayLanguage: lang === 'zh' ? 'zh-CN' : 'en-US',
        platform: 'OfficeOnline',
        requirements: { isSetSupported: wb.isSetSupported },
      },
    };
    const user = userEvent.setup();
    render(<App host={createOfficeHost(wb.run, { retryMs: [5] })} now={NOW} />);
    await user.click(screen.getByTestId('tab-record'));
    await waitFor(() => expect(screen.getByTestId('record-submit')).toBeEnabled());
    await user.click(screen.getByTestId('record-agent'));
    await user.type(screen.getByTestId('record-agent'), 'E001');
    await user.click(await screen.findByTestId('record-agent-E001'));
    await user.type(screen.getByTestId('record-by'), 'Wang');
    await user.type(screen.getByTestId('record-evidence'), 'call 7');

    // Li's record, typed into row 4 on her copy at the same moment, arrives after this pane's batch
    const li: KpiRecord = { date: '2024-03-15', id: 'E002', code: 'S04', count: 2, evidence: 'call 2042', by: 'Li', status: '' };
    wb.coauthor((w) =>
      recordValues(li, lang).forEach((v, i) => (w.sheet(SHEET[lang])!.cell(`${'ABCDEFG'[i]}${R}`).value = v === '' ? null : v)),
    );
    const before = wb.stats.syncs;
    await user.keyboard('{Enter}');
    await screen.findByTestId(`recent-${R}`);
    expect(wb.stats.syncs - before).toBe(1);
    const sh = wb.sheet(SHEET[lang])!;
    expect(sh.value(`F${R}`)).toBe('Li');

    // the next record: row 5; the first one, lost, written again at row 6
    await user.clear(screen.getByTestId('record-evidence'));
    await user.type(screen.getByTestId('record-evidence'), 'call 8');
    await user.keyboard('{Enter}');
    await screen.findByTestId(`recent-${R + 2}`);
    expect(screen.getByTestId('message-bar')).toHaveTextContent(lang === 'zh' ? '已在末尾重新写入' : 'written again at the end');
    expect(screen.queryByTestId(`recent-${R}`)).toBeNull(); // row 4 is Li's
    expect(screen.getByTestId(`recent-${R + 1}`)).toBeInTheDocument();
    expect(['E', 'F'].map((c) => [R, R + 1, R + 2].map((r) => sh.value(`${c}${r}`)))).toEqual([
      ['call 2042', 'call 8', 'call 7'],
      ['Li', 'Wang', 'Wang'],
    ]);
  });
});
