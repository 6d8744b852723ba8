/** @jest-environment jsdom */
/**
 * The Year tab on the strict fake Excel (issue 10, D13–D14): close the month into the workbook's Ledger sheet
 * (two syncs at 80 agents, every request under 5 MB), each refusal (incomplete, disputed, a stored result
 * differing, closed twice) with nothing written, the next month in the same sheets (no renamed copies; the
 * roster sheet as edited; inputs and records cleared; KPI_MONTH moved), open improvement plans listed with
 * their due dates (overdue marked), the notice inserted.
 *
 * Excel's calculation is HyperFormula's (test/helpers/hf.ts, the KPI functions as a plugin): after inserting,
 * each formula cell of the fake gets the value HyperFormula computes for the same workbook; the ledger's
 * totals, ranks and pay are checked against those values.
 */
import '@testing-library/jest-dom';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { webcrypto } from 'crypto';
import { TextEncoder } from 'util';
import { App } from '../../src/taskpane/App';
import { createOfficeHost } from '../../src/office/host';
import { insertIntoWorkbook, requestBudgetFor } from '../../src/office/writer';
import { checkSupport } from '../../src/office/requirements';
import { buildWorkbook } from '../../src/templates/workbook';
import type { Agent, WorkbookSpec } from '../../src/templates/model';
import type { KpiRecord } from '../../src/core/records';
import { LEDGER_COLS, LEDGER_FIRST_ROW } from '../../src/templates/sheets/ledger';
import { PLANS_COLS, PLANS_HEADER_ROW } from '../../src/templates/sheets/plans';
import { RECORDS_FIRST_ROW } from '../../src/templates/sheets/records';
import { FakeWorkbook, HOSTS, WEB_REQUEST_LIMIT } from '../helpers/fakeExcel';
import { isSetSupported } from '../helpers/fake-excel/hosts';
import { sampleAgents } from '../helpers/sync-count';
import { evaluateSpec, plainValue } from '../helpers/hf';

configure({ asyncUtilTimeout: 20000 });
jest.setTimeout(120000);

// Web Crypto (the fingerprint's SHA-256) as Excel's browsers have it; jsdom lacks crypto.subtle and TextEncoder
if (!globalThis.crypto?.subtle) Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
if (!globalThis.TextEncoder) Object.defineProperty(globalThis, 'TextEncoder', { value: TextEncoder, configurable: true });

const xl = HOSTS.web;
const features = checkSupport((set, v) => isSetSupported(xl, set, v)).features;
const NOW = new Date(2024, 3, 12); // 12 April 2024: March's plans (notice 2 April) are overdue after the 9th
const col = (c: number) => String.fromCharCode(64 + c);

/** Complete inputs for every agent: pre-sales a written test, after-sales tickets, ratings and grades. */
function inputsOf(agents: Agent[]): Record<string, Record<string, number | string>> {
  const out: Record<string, Record<string, number | string>> = {};
  agents.forEach((a, i) => {
    out[a.id] =
      a.role === 'pre-sales'
        ? { EX: 60 + ((i * 7) % 40) }
        : { S01: 80 + ((i * 13) % 50), S02: 'AAAB'.slice(0, 1 + (i % 4)) + 'B', S03: 'ABC'[i % 3], S06: 'BA'[i % 2] };
  });
  return out;
}

/** Writes into the fake what Excel would calculate: HyperFormula's value of every formula cell of the spec. */
function calculate(wb: FakeWorkbook, spec: WorkbookSpec) {
  const ev = evaluateSpec(spec);
  for (const s of spec.sheets) {
    const sheet = wb.sheet(s.name)!;
    for (const c of s.cells) if (c.formula !== undefined) sheet.cell(c.address).value = plainValue(ev.get(s.name, c.address)) as never;
  }
  wb.calculating = 0; // Excel has finished calculating
}

async function monthWorkbook(o: { n?: number; lang?: 'zh' | 'en'; records?: KpiRecord[]; blank?: string } = {}) {
  const lang = o.lang ?? 'en';
  const agents = sampleAgents(o.n ?? 6);
  const inputs = inputsOf(agents);
  if (o.blank) delete inputs[o.blank];
  const spec = buildWorkbook({ month: '2024-03', agents, mode: 'kpi', lang, inputs, records: o.records ?? [] });
  const wb = new FakeWorkbook(undefined, xl);
  const res = await insertIntoWorkbook(spec, { run: wb.run, features, requestBudget: requestBudgetFor(xl.platform) });
  calculate(wb, res.spec);
  (globalThis as unknown as { Office?: unknown }).Office = {
    context: {
      displayLanguage: lang === 'zh' ? 'zh-CN' : 'en-US',
      platform: xl.platform,
      requirements: { isSetSupported: wb.isSetSupported },
    },
  };
  return { wb, spec: res.spec, ev: evaluateSpec(res.spec), host: createOfficeHost(wb.run, { retryMs: [5] }) };
}

afterEach(() => delete (globalThis as unknown as { Office?: unknown }).Office);

async function openYear(h: ReturnType<typeof createOfficeHost>) {
  const user = userEvent.setup();
  render(<App host={h} now={NOW} />);
  await user.click(screen.getByTestId('tab-year'));
  await screen.findByTestId('year-month');
  return user;
}

const message = () => screen.getByTestId('message-bar');

describe('close the month', () => {
  test('80 agents: two syncs, every request under 5 MB; the ledger rows are the workbook’s results; plans due a week after the notice', async () => {
    const { wb, spec, ev, host: h } = await monthWorkbook({ n: 80 });
    const year = await h.readYear!();
    expect(year.sheets).toEqual({ ledger: null, plans: null, closes: null });
    const before = { syncs: wb.stats.syncs, payloads: wb.stats.payloads.length };
    const r = await h.closeMonth!(spec.layout, year, { today: '2024-04-02' });
    expect(r.syncs).toBe(2);
    expect(wb.stats.syncs - before.syncs).toBe(2);
    for (const b of wb.stats.payloads.slice(before.payloads)) expect(b).toBeLessThan(WEB_REQUEST_LIMIT);
    expect(r.created).toEqual(['Ledger', 'Plans', 'Months']);
    const L = wb.sheet('Ledger')!;
    // each agent's row: total, rank and pay as the summary shows them (HyperFormula's values)
    spec.layout.forEach((l, i) => {
      const row = LEDGER_FIRST_ROW + i;
      expect(L.value(`${col(LEDGER_COLS.id)}${row}`)).toBe(l.agent.id);
      expect(L.value(`${col(LEDGER_COLS.month)}${row}`)).toBe('2024-03');
      const at = (k: string) => plainValue(ev.get(l.outputs[k].sheet, l.outputs[k].address));
      expect(L.value(`${col(LEDGER_COLS.total)}${row}`)).toBeCloseTo(at(l.outputs.summaryTotal ? 'summaryTotal' : 'total') as number, 9);
      expect(L.value(`${col(LEDGER_COLS.rank)}${row}`)).toBe(at('rank'));
      expect(L.value(`${col(LEDGER_COLS.pay)}${row}`)).toBeCloseTo(at('pay') as number, 9);
    });
    expect(L.value(`${col(LEDGER_COLS.id)}${LEDGER_FIRST_ROW + 80}`)).toBe('');
    // the last two of each kind (D9): 2 + 2 plans (no ties in these inputs), notice 2 April, due 9 April (D14: 7 days)
    expect(r.plans).toBe(4);
    expect(r.due).toBe('2024-04-09');
    const P = wb.sheet('Plans')!;
    const planIds = [0, 1, 2, 3].map((i) => P.value(`${col(PLANS_COLS.id)}${PLANS_HEADER_ROW + 1 + i}`));
    const bottom = spec.layout
      .filter((l) => plainValue(ev.get(l.outputs.bottom.sheet, l.outputs.bottom.address)) === true)
      .map((l) => l.agent.id);
    expect(planIds.sort()).toEqual(bottom.sort());
    // the due date is a formula on the notice: notice + PLAN_DAYS
    expect(P.formula(`${col(PLANS_COLS.due)}${PLANS_HEADER_ROW + 1}`)).toBe(`=${col(PLANS_COLS.notice)}${PLANS_HEADER_ROW + 1}+PLAN_DAYS`);
    expect(wb.names.has('plan_days')).toBe(true);
    expect(wb.sheet('Ledger')!.protected).toBe(true);
  });

  test('closing from the pane; then refused a second time, nothing written', async () => {
    const { wb, host: h } = await monthWorkbook({ lang: 'zh' });
    const user = await openYear(h);
    expect(screen.getByTestId('year-status')).toHaveTextContent('未关账');
    await user.click(screen.getByTestId('year-close'));
    await waitFor(() => expect(message()).toHaveTextContent('2024-03 已关账:6 人写入台账'));
    expect(screen.getByTestId('year-status')).toHaveTextContent('已关账');
    expect(wb.sheet('台账')!.value(`C${LEDGER_FIRST_ROW + 5}`)).toBe('E006');
    // closed twice: refused by closeMonth itself (the button is off once closed)
    const year = await h.readYear!();
    const cells = JSON.stringify([...wb.sheet('台账')!.cells.entries()]);
    const layout = buildWorkbook({ month: '2024-03', agents: sampleAgents(6), mode: 'kpi', lang: 'zh' }).layout;
    await expect(h.closeMonth!(layout, year, { today: '2024-04-03' })).rejects.toMatchObject({ code: 'year.alreadyClosed' });
    expect(JSON.stringify([...wb.sheet('台账')!.cells.entries()])).toBe(cells);
  });

  test.each([
    ['incomplete', 'an agent without inputs', { blank: 'E002' }, /E002/],
    [
      'disputed',
      'a record still disputed',
      {
        records: [
          { date: '2024-03-05', id: 'E001', code: 'A02', count: 1, evidence: 'call 7', by: 'Li', status: 'disputed' },
        ] as KpiRecord[],
      },
      /disputed \(E001\)/,
    ],
  ])('refused: %s (%s); the message names what to fix; nothing written', async (code, _what, o, says) => {
    const { wb, host: h } = await monthWorkbook(o);
    const user = await openYear(h);
    const sheets = wb.sheetNames.join();
    const syncs = wb.stats.syncs;
    await user.click(screen.getByTestId('year-close'));
    await waitFor(() => expect(message()).toHaveTextContent(says));
    // the headline (what to fix) is short; the rest is under Details
    expect(screen.getByTestId('message-text').textContent!.length).toBeLessThan(100);
    expect(wb.sheetNames.join()).toBe(sheets);
    // the roster read and the one read of closeMonth: nothing written
    expect(wb.stats.syncs - syncs).toBeLessThanOrEqual(3);
    expect(wb.sheet('Ledger')).toBeUndefined();
    void code;
  });

  test('refused: a stored result differing from the recomputation (a total typed over)', async () => {
    const { wb, spec, host: h } = await monthWorkbook();
    const l = spec.layout[0];
    const at = l.outputs.summaryTotal ?? l.outputs.total;
    wb.sheet(at.sheet)!.cell(at.address).value = 12.5;
    const year = await h.readYear!();
    await expect(h.closeMonth!(spec.layout, year, { today: '2024-04-02' })).rejects.toMatchObject({
      code: 'year.mismatches',
      params: expect.objectContaining({ n: 1, cells: [`${at.sheet}!${at.address}`] }),
    });
    expect(wb.sheet('Ledger')).toBeUndefined();
  });
});

describe('the next month', () => {
  test('in the same sheets: no renamed copies, the roster as edited, inputs and records cleared, KPI_MONTH moved; plans listed', async () => {
    const rec: KpiRecord = { date: '2024-03-05', id: 'E001', code: 'A02', count: 1, evidence: 'call 7', by: 'Li', status: '' };
    const { wb, spec, host: h } = await monthWorkbook({ records: [rec] });
    const user = await openYear(h);
    // the notice given on 2 April (D14: the plans are due 7 days later)
    fireEvent.change(screen.getByTestId('year-notice-date'), { target: { value: '2024-04-02' } });
    await user.click(screen.getByTestId('year-close'));
    await waitFor(() => expect(message()).toHaveTextContent('2024-03 closed: 6 agents'));
    // open plans with due dates; on 12 April the plans due 9 April are overdue
    const plans = within(screen.getByTestId('year-plans')).getAllByRole('listitem');
    expect(plans).toHaveLength(4);
    for (const p of plans) {
      expect(p).toHaveTextContent('due 2024-04-09');
      expect(p).toHaveAttribute('data-overdue', 'true');
    }
    const sheetsBefore = wb.sheetNames;
    expect(wb.sheet('Records')!.value(`B${RECORDS_FIRST_ROW}`)).toBe('E001');
    const ex = spec.layout[0].inputs.EX;
    expect(wb.sheet(ex.sheet)!.value(ex.address)).toBe(60);
    // a joiner on the roster sheet (row 3 is the first agent's)
    const roster = wb.sheet('Roster')!;
    roster.cell('A8').value = 'E007';
    roster.cell('B8').value = 'Agent 7';
    roster.cell('C8').value = 'pre-sales';
    roster.cell('D8').value = 'G1';
    await user.click(screen.getByTestId('year-next'));
    await waitFor(() => expect(message()).toHaveTextContent('2024-04 started'));
    // the same sheets: nothing renamed, nothing added
    expect(wb.sheetNames).toEqual(sheetsBefore);
    expect(wb.sheetNames.some((n) => / \(\d+\)$/.test(n))).toBe(false);
    // KPI_MONTH is April's
    const month = wb.names.get('kpi_month')!;
    const [sheet, addr] = month.ref.replace(/\$/g, '').split('!');
    expect(wb.sheet(sheet.replace(/^'|'$/g, ''))!.value(addr)).toBe('2024-04');
    // the roster kept, with the joiner
    expect(wb.sheet('Roster')!.value('A8')).toBe('E007');
    // the records cleared (the record's row is empty), the inputs cleared (E001's written test)
    expect(wb.sheet('Records')!.value(`B${RECORDS_FIRST_ROW}`)).toBe('');
    expect(wb.sheet(ex.sheet)!.value(ex.address)).toBe('');
    // the ledger kept March
    expect(wb.sheet('Ledger')!.value(`A${LEDGER_FIRST_ROW}`)).toBe('2024-03');
    expect(screen.getByTestId('year-status')).toHaveTextContent('open');
  });

  test('the notice of a closed month is inserted as its own sheet', async () => {
    const { wb, host: h } = await monthWorkbook();
    const user = await openYear(h);
    await user.click(screen.getByTestId('year-close'));
    await waitFor(() => expect(message()).toHaveTextContent('closed'));
    await user.click(screen.getByTestId('year-notice'));
    await waitFor(() => expect(message()).toHaveTextContent('Notice 2024-03'));
    expect(wb.sheet('Notice 2024-03')).toBeDefined();
  });

  test('a second month closed into the same ledger: its rows appended below, the first month’s untouched, two syncs', async () => {
    const { wb, spec, host: h } = await monthWorkbook();
    await h.closeMonth!(spec.layout, await h.readYear!(), { today: '2024-04-02' });
    const march = JSON.stringify(
      [...wb.sheet('Ledger')!.cells.entries()].filter(([a]) => Number(/\d+/.exec(a)![0]) <= LEDGER_FIRST_ROW + 5),
    );
    // April in the same sheets (as "Start next month" writes it), with a joiner, its inputs typed
    const agents = [...sampleAgents(6), { id: 'E007', name: 'Agent 7', role: 'pre-sales' as const, group: 'G1' }];
    const april = buildWorkbook({ month: '2024-04', agents, mode: 'kpi', lang: 'en', inputs: inputsOf(agents) });
    const res = await insertIntoWorkbook(april, {
      run: wb.run,
      features,
      onConflict: 'replace',
      requestBudget: requestBudgetFor(xl.platform),
    });
    expect(res.renamed).toEqual({});
    calculate(wb, res.spec);
    const year = await h.readYear!();
    expect(year.ledger.rows).toHaveLength(6);
    const syncs = wb.stats.syncs;
    const r = await h.closeMonth!(res.spec.layout, year, { today: '2024-05-03' });
    expect(wb.stats.syncs - syncs).toBe(2);
    expect(r.created).toEqual([]);
    const L = wb.sheet('Ledger')!;
    const after = JSON.stringify([...L.cells.entries()].filter(([a]) => Number(/\d+/.exec(a)![0]) <= LEDGER_FIRST_ROW + 5));
    expect(after).toBe(march);
    expect(L.value(`A${LEDGER_FIRST_ROW + 6}`)).toBe('2024-04');
    expect(L.value(`C${LEDGER_FIRST_ROW + 12}`)).toBe('E007');
    // the ledger's defined names cover both months' rows
    expect(wb.names.get('l_id')!.ref.replace(/\$/g, '')).toMatch(/C2:C14$/);
    // the log has both closes; plans of both months (2 + 2 per month, no ties)
    expect(wb.sheet('Months')!.value('A6')).toBe('2024-04');
    expect((await h.readYear!()).planKeys).toHaveLength(8);
  });
});
