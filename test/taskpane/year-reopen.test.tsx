/** @jest-environment jsdom */
/**
 * Reopening a closed month from the pane (issue 10, D13) on the strict fake Excel: the Year tab reopens the month
 * the forms hold only with a reason, kept in the ledger's log (the Months sheet) as `kpi-forms close --reopen
 * --reason` keeps it; two syncs, every request under 5 MB; the month's rows leave the Ledger and its plans the
 * Plans sheet, the months before untouched; the month can then be closed again. Refusals (no reason, a month not
 * closed) write nothing. The messages in Chinese and English.
 *
 * Excel's calculation is HyperFormula's (test/helpers/hf.ts): after inserting, each formula cell of the fake holds
 * the value HyperFormula computes.
 */
import '@testing-library/jest-dom';
import { configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { webcrypto } from 'crypto';
import { TextEncoder } from 'util';
import { App } from '../../src/taskpane/App';
import { createOfficeHost } from '../../src/office/host';
import { insertIntoWorkbook, requestBudgetFor } from '../../src/office/writer';
import { checkSupport } from '../../src/office/requirements';
import { buildWorkbook } from '../../src/templates/workbook';
import type { Agent, WorkbookSpec } from '../../src/templates/model';
import { CLOSES_COLS, CLOSES_HEADER_ROW, LEDGER_COLS, LEDGER_FIRST_ROW } from '../../src/templates/sheets/ledger';
import { PLANS_COLS, PLANS_HEADER_ROW } from '../../src/templates/sheets/plans';
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
const NOW = new Date(2024, 3, 12);
const col = (c: number) => String.fromCharCode(64 + c);

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

function calculate(wb: FakeWorkbook, spec: WorkbookSpec) {
  const ev = evaluateSpec(spec);
  for (const s of spec.sheets) {
    const sheet = wb.sheet(s.name)!;
    for (const c of s.cells) if (c.formula !== undefined) sheet.cell(c.address).value = plainValue(ev.get(s.name, c.address)) as never;
  }
  wb.calculating = 0;
}

async function monthWorkbook(lang: 'zh' | 'en', n = 6) {
  const agents = sampleAgents(n);
  const spec = buildWorkbook({ month: '2024-03', agents, mode: 'kpi', lang, inputs: inputsOf(agents) });
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
  return { wb, spec: res.spec, host: createOfficeHost(wb.run, { retryMs: [5] }) };
}

afterEach(() => delete (globalThis as unknown as { Office?: unknown }).Office);

const cellsUpTo = (wb: FakeWorkbook, sheet: string, lastRow: number) =>
  JSON.stringify([...wb.sheet(sheet)!.cells.entries()].filter(([a]) => Number(/\d+/.exec(a)![0]) <= lastRow));

describe('reopen a closed month (office/year.ts reopenMonth)', () => {
  test('April reopened: two syncs; its rows and plans gone, March untouched; the reason and day kept; April closed again', async () => {
    const { wb, spec, host: h } = await monthWorkbook('en');
    await h.closeMonth!(spec.layout, await h.readYear!(), { today: '2024-04-02' });
    const march = cellsUpTo(wb, 'Ledger', LEDGER_FIRST_ROW + 5);
    const marchPlans = cellsUpTo(wb, 'Plans', PLANS_HEADER_ROW + 4);
    // April in the same sheets, with a joiner, closed too
    const agents = [...sampleAgents(6), { id: 'E007', name: 'Agent 7', role: 'pre-sales' as const, group: 'G1' }];
    const april = buildWorkbook({ month: '2024-04', agents, mode: 'kpi', lang: 'en', inputs: inputsOf(agents) });
    const res = await insertIntoWorkbook(april, {
      run: wb.run,
      features,
      onConflict: 'replace',
      requestBudget: requestBudgetFor(xl.platform),
    });
    calculate(wb, res.spec);
    await h.closeMonth!(res.spec.layout, await h.readYear!(), { today: '2024-05-03' });
    const L = wb.sheet('Ledger')!;
    expect(L.value(`${col(LEDGER_COLS.id)}${LEDGER_FIRST_ROW + 12}`)).toBe('E007');
    expect((await h.readYear!()).planKeys).toHaveLength(8);

    const year = await h.readYear!();
    const before = { syncs: wb.stats.syncs, payloads: wb.stats.payloads.length };
    const r = await h.reopenMonth!(year, { reason: '  appeal of E002 upheld after the close ', today: '2024-05-06' });
    expect(r).toMatchObject({ month: '2024-04', agents: 7, reason: 'appeal of E002 upheld after the close', syncs: 2 });
    expect(wb.stats.syncs - before.syncs).toBe(2);
    for (const b of wb.stats.payloads.slice(before.payloads)) expect(b).toBeLessThan(WEB_REQUEST_LIMIT);

    // March's rows and plans as they were; April's rows and plans cleared
    expect(cellsUpTo(wb, 'Ledger', LEDGER_FIRST_ROW + 5)).toBe(march);
    for (let i = 6; i < 13; i++) {
      expect(L.value(`${col(LEDGER_COLS.id)}${LEDGER_FIRST_ROW + i}`)).toBe('');
      expect(L.value(`${col(LEDGER_COLS.month)}${LEDGER_FIRST_ROW + i}`)).toBe('');
    }
    expect(cellsUpTo(wb, 'Plans', PLANS_HEADER_ROW + 4)).toBe(marchPlans);
    expect(wb.sheet('Plans')!.value(`${col(PLANS_COLS.id)}${PLANS_HEADER_ROW + 5}`)).toBe('');
    // the ledger's names over March's rows only
    expect(wb.names.get('l_id')!.ref.replace(/\$/g, '')).toMatch(/C2:C7$/);
    // the log: March closed, April reopened on 6 May with the reason (as close --reopen --reason keeps it)
    const M = wb.sheet('Months')!;
    const line = CLOSES_HEADER_ROW + 2;
    expect(M.value(`${col(CLOSES_COLS.month)}${line}`)).toBe('2024-04');
    expect(M.value(`${col(CLOSES_COLS.status)}${line}`)).toBe('reopened');
    expect(M.value(`${col(CLOSES_COLS.reason)}${line}`)).toBe('appeal of E002 upheld after the close');
    expect(M.value(`${col(CLOSES_COLS.status)}${line - 1}`)).toBe('closed');
    const read = await h.readYear!();
    expect(read.ledger.rows.map((x) => x.month)).toEqual(Array(6).fill('2024-03'));
    expect(read.ledger.closes.map((c) => [c.month, c.status, c.reopenedOn, c.reason])).toEqual([
      ['2024-03', 'closed', '', ''],
      ['2024-04', 'reopened', '2024-05-06', 'appeal of E002 upheld after the close'],
    ]);
    expect(read.planKeys).toHaveLength(4);

    // closed again (once Excel has recalculated after the write): April's rows back, a third line in the log
    wb.calculating = 0;
    const again = await h.closeMonth!(res.spec.layout, read, { today: '2024-05-07' });
    expect(again.syncs).toBe(2);
    expect(L.value(`${col(LEDGER_COLS.id)}${LEDGER_FIRST_ROW + 12}`)).toBe('E007');
    expect((await h.readYear!()).ledger.closes.map((c) => `${c.month} ${c.status}`)).toEqual([
      '2024-03 closed',
      '2024-04 reopened',
      '2024-04 closed',
    ]);
  });

  test('80 agents: two syncs, every request under 5 MB', async () => {
    const { wb, spec, host: h } = await monthWorkbook('zh', 80);
    await h.closeMonth!(spec.layout, await h.readYear!(), { today: '2024-04-02' });
    const before = { syncs: wb.stats.syncs, payloads: wb.stats.payloads.length };
    const r = await h.reopenMonth!(await h.readYear!(), { reason: '工号更正', today: '2024-04-03' });
    expect(r).toMatchObject({ agents: 80, syncs: 2 });
    expect(wb.stats.syncs - before.syncs - 2).toBe(2); // readYear's two, reopen's two
    for (const b of wb.stats.payloads.slice(before.payloads)) expect(b).toBeLessThan(WEB_REQUEST_LIMIT);
    expect(wb.sheet('台账')!.value(`${col(LEDGER_COLS.id)}${LEDGER_FIRST_ROW + 79}`)).toBe('');
  });

  test('refused, nothing written: no reason (not even read), a month not closed', async () => {
    const { wb, spec, host: h } = await monthWorkbook('en');
    const open = await h.readYear!();
    const syncs = wb.stats.syncs;
    await expect(h.reopenMonth!(open, { reason: '   ', today: '2024-04-03' })).rejects.toMatchObject({ code: 'year.reasonMissing' });
    expect(wb.stats.syncs).toBe(syncs);
    await expect(h.reopenMonth!(open, { reason: 'why', today: '2024-04-03' })).rejects.toMatchObject({ code: 'year.notClosed' });
    expect(wb.sheet('Ledger')).toBeUndefined();
    await h.closeMonth!(spec.layout, await h.readYear!(), { today: '2024-04-02' });
    const cells = cellsUpTo(wb, 'Ledger', 100);
    await expect(h.reopenMonth!(await h.readYear!(), { reason: '', today: '2024-04-03' })).rejects.toMatchObject({
      code: 'year.reasonMissing',
    });
    expect(cellsUpTo(wb, 'Ledger', 100)).toBe(cells);
  });
});

describe('the Year tab reopens a closed month', () => {
  test.each([
    ['zh', '台账', '月份', '已关账', '未关账', '2024-03 已重开(原因已记录:申诉已裁定)', '已重开'],
    ['en', 'Ledger', 'Months', 'closed', 'open', '2024-03 reopened (reason kept: 申诉已裁定)', 'reopened'],
  ] as const)(
    '%s: a reason required; reopened, the month open again, the reason on the months sheet',
    async (lang, ledger, months, closedWord, openWord, says, status) => {
      const { wb, host: h } = await monthWorkbook(lang);
      const user = userEvent.setup();
      render(<App host={h} now={NOW} />);
      await user.click(screen.getByTestId('tab-year'));
      await screen.findByTestId('year-month');
      expect(screen.queryByTestId('year-reopen')).toBeNull();
      await user.click(screen.getByTestId('year-close'));
      await waitFor(() => expect(screen.getByTestId('year-status')).toHaveTextContent(closedWord));
      // the reason is required: the button is off while it is blank
      expect(screen.getByTestId('year-reopen')).toBeDisabled();
      await user.type(screen.getByTestId('year-reopen-reason'), '申诉已裁定');
      expect(screen.getByTestId('year-reopen')).toBeEnabled();
      await user.click(screen.getByTestId('year-reopen'));
      await waitFor(() => expect(screen.getByTestId('message-bar')).toHaveTextContent(says));
      expect(screen.getByTestId('year-status')).toHaveTextContent(openWord);
      expect(screen.getByTestId('year-close')).toBeEnabled();
      expect(wb.sheet(ledger)!.value(`${col(LEDGER_COLS.id)}${LEDGER_FIRST_ROW}`)).toBe('');
      expect(wb.sheet(months)!.value(`${col(CLOSES_COLS.status)}${CLOSES_HEADER_ROW + 1}`)).toBe(status);
      expect(wb.sheet(months)!.value(`${col(CLOSES_COLS.reason)}${CLOSES_HEADER_ROW + 1}`)).toBe('申诉已裁定');
    },
  );
});
