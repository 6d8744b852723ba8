/** @jest-environment jsdom */
/**
 * The task pane with React Testing Library: roster validation, insert calls the host with the right
 * spec, the roster sheet as default, results and jumping, entries and call-centre log import (CSV in
 * UTF-8 or GB18030, .xlsx; the same inputs as the CLI's reader), one MessageBar for every
 * failure (with what to do and the Office debugInfo in "Details"), language switch, missing
 * requirement sets, outside Excel, and the entry point with a fake Office/Excel.run end to end.
 */
import '@testing-library/jest-dom';
import { act, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../src/taskpane/App';
import { NotInExcel } from '../src/taskpane/components/NotInExcel';
import type { KpiHost, InsertResult, SummaryRow } from '../src/office/host';
import { checkSupport } from '../src/office/requirements';
import type { WorkbookSpec } from '../src/templates/model';
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { importCalls } from '../src/io/calls';
import { decodeCsvBytes } from '../src/taskpane/inputs';
import { buildWorkbook } from '../src/templates/workbook';
import type { Agent } from '../src/templates/model';
import { ALL_HOSTS, FakeHost, FakeWorkbook, HOSTS } from './helpers/fakeExcel';
import { createOfficeHost } from '../src/office/host';
import { insertIntoWorkbook } from '../src/office/writer';
import type { KpiRecord } from '../src/core/records';
import { Problem } from '../src/core/problem';
import { M as OFFICE } from '../src/office/messages';

/**
 * The pane on a fake Excel host: `Office.context` as that host has it (platform, display language,
 * `requirements.isSetSupported` from its sets) and the Office.js host over the fake workbook, with short
 * waits between reads while custom functions calculate. Call `leaveOffice()` afterwards.
 */
function officeOn(wb: FakeWorkbook, displayLanguage = 'en-US') {
  (globalThis as unknown as { Office?: unknown }).Office = {
    context: { displayLanguage, platform: wb.host.platform, requirements: { isSetSupported: wb.isSetSupported } },
  };
  return createOfficeHost(wb.run, { retryMs: [5, 5, 5, 5] });
}
const leaveOffice = () => delete (globalThis as unknown as { Office?: unknown }).Office;
const HOST_CASES = ALL_HOSTS.map((h) => [h.name, h] as const);
/** hosts where the pane inserts (ExcelApi 1.4) and where it writes =KPI.… formulas (CustomFunctionsRuntime 1.3) */
const canInsert = (h: FakeHost) => checkSupport((set, v) => new FakeWorkbook([], h).isSetSupported(set, v)).canInsert;

const ROSTER = 'employee_id,name,role,group\nE001,Ann,pre-sales,G1\nE002,Bob,售后,G1\nE003,Cy,售前,G2';
const NOW = new Date(2024, 2, 15);

type Mocked = KpiHost & {
  insert: jest.Mock;
  readRoster: jest.Mock;
  readSummary: jest.Mock;
  activate: jest.Mock;
  writeInputs: jest.Mock;
};

function okInsert(spec: WorkbookSpec, opts: { sheets?: string[] }): InsertResult {
  const keys = opts.sheets ?? spec.sheets.map((s) => s.key);
  return {
    sheets: spec.sheets.filter((s) => keys.includes(s.key) || s.key === 'rules').map((s) => s.name),
    renamed: {},
    replaced: [],
    reused: [],
    namesAdded: [],
    namesKept: [],
    syncs: 2,
    cells: 100,
    skipped: [],
    spec,
  };
}

function fakeHost(over: Partial<KpiHost> = {}): Mocked {
  return {
    displayLanguage: 'en-US',
    support: checkSupport(() => true),
    insert: jest.fn(async (spec: WorkbookSpec, opts: { sheets?: string[]; onProgress?: (p: unknown) => void }) => {
      opts.onProgress?.({ phase: 'read' });
      return okInsert(spec, opts);
    }),
    readRoster: jest.fn(async () => null),
    readSummary: jest.fn(async () => []),
    activate: jest.fn(async () => undefined),
    writeInputs: jest.fn(async () => ({ cells: 1, records: 2, notInLayout: [] })),
    ...over,
  } as Mocked;
}

beforeAll(() => {
  // jsdom lacks TextDecoder (browsers have it, with gb18030) and DecompressionStream; Node has both
  const g = globalThis as unknown as { TextDecoder?: unknown; DecompressionStream?: unknown };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof g.TextDecoder === 'undefined') g.TextDecoder = require('util').TextDecoder;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof g.DecompressionStream === 'undefined') g.DecompressionStream = require('stream/web').DecompressionStream;
});

/**
 * A roster workbook as Excel saves one (ExcelJS): a first sheet that is not the roster, then 花名册 with
 * a title, the header, a numeric id, a rich-text name, an inline string and a shared string.
 */
async function rosterXlsx(role2 = 'after-sales'): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes').getCell('A1').value = 'not the roster';
  const ws = wb.addWorksheet('花名册');
  ws.getCell('B2').value = '花名册';
  ws.getRow(3).values = [undefined, '工号', '姓名', '岗位', '组'] as ExcelJS.CellValue[];
  ws.getRow(4).values = [undefined, 1001, '张三', '售前', '一组'] as ExcelJS.CellValue[];
  ws.getRow(5).values = [
    undefined,
    'E2',
    { richText: [{ text: 'Bob ' }, { text: 'Lee', font: { bold: true } }] },
    role2,
    '',
  ] as ExcelJS.CellValue[];
  ws.getRow(6).values = [undefined, 'E3', 'Cy', 'pre-sales', 'G2'] as ExcelJS.CellValue[];
  return new Uint8Array(await wb.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
}
// async steps (file decoding, a 5,000-row log) take longer on a loaded machine (CI): wait up to 15 s, not 1 s
configure({ asyncUtilTimeout: 15000 });

const realError = console.error;
beforeEach(() => {
  // the pane logs every reported error; React warnings (act, keys, DOM nesting) still fail loudly
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (/Warning:|not wrapped in act/.test(text)) {
      realError(...args);
      throw new Error(`React warning: ${text.slice(0, 300)}`);
    }
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  leaveOffice();
});

async function pasteRoster(user: ReturnType<typeof userEvent.setup>, text: string) {
  const ta = screen.getByTestId('roster-paste');
  await user.click(ta);
  await user.paste(text);
}

/**
 * Waits until the import has written and the pane is idle again (its upload button enabled): every
 * state update of the task lands inside waitFor, so none comes later outside act (a slow machine
 * would otherwise see the last updates after the test moved on).
 */
async function importDone(host: Mocked, timeout = 15000) {
  await waitFor(
    () => {
      expect(host.writeInputs).toHaveBeenCalledTimes(1);
      expect(screen.getByTestId('calls-upload')).toBeEnabled();
    },
    { timeout },
  );
}

describe('roster and insertion', () => {
  test('a bad roster CSV shows a validation message on the roster field and inserts nothing', async () => {
    const user = userEvent.setup();
    const host = fakeHost();
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, 'employee_id,name,role,group\nE001,Ann,manager,G1\nE001,Bob,售后,G1');
    expect(await screen.findByText(/role "manager" must be pre-sales or after-sales/)).toBeInTheDocument();
    expect(screen.getByText(/duplicate/)).toBeInTheDocument();
    await user.click(screen.getByTestId('insert-formA'));
    expect(host.insert).not.toHaveBeenCalled();
  });

  test('a CSV without the header columns names the missing column', async () => {
    const user = userEvent.setup();
    render(<App host={fakeHost()} now={NOW} />);
    await pasteRoster(user, 'id,name\nE001,Ann');
    expect(await screen.findByText(/"role" is missing/)).toBeInTheDocument();
  });

  test('insert form A calls the host with the spec of the pasted roster, month and formula mode', async () => {
    const user = userEvent.setup();
    const host = fakeHost();
    render(<App host={host} now={NOW} />);
    expect(screen.getByTestId('month')).toHaveValue('2024-02');
    await pasteRoster(user, ROSTER);
    expect(await screen.findByText(/3 agents \(2 pre-sales, 1 after-sales\)/)).toBeInTheDocument();
    await user.click(screen.getByTestId('insert-formA'));
    await waitFor(() => expect(host.insert).toHaveBeenCalledTimes(1));
    const [spec, opts] = host.insert.mock.calls[0] as [WorkbookSpec, { sheets: string[]; onConflict: string }];
    expect(opts.sheets).toEqual(['formA']);
    expect(opts.onConflict).toBe('reuse');
    expect(spec.month).toBe('2024-02');
    expect(spec.mode).toBe('kpi');
    expect(spec.lang).toBe('en');
    expect(spec.layout.map((l) => [l.agent.id, l.agent.role])).toEqual([
      ['E001', 'pre-sales'],
      ['E002', 'after-sales'],
      ['E003', 'pre-sales'],
    ]);
    const bar = await screen.findByTestId('message-bar');
    expect(bar).toHaveTextContent('Inserted: Form A, Rules.');
    // the user's words, not a developer's measure
    expect(bar).not.toHaveTextContent(/round trip|sync/i);
  });

  test('chosen agents, plain formulas, Chinese forms, replace on conflict; the other insert buttons', async () => {
    const user = userEvent.setup();
    const host = fakeHost();
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, ROSTER);
    expect(screen.getByTestId('chosen-hint')).toHaveTextContent(/Print Selection/);
    await user.click(screen.getByTestId('agent-E003'));
    await user.click(screen.getByLabelText(/Plain Excel/));
    await user.click(screen.getByLabelText('中文'));
    await user.click(screen.getByLabelText(/Replace the chosen sheet/));
    await user.click(screen.getByTestId('insert-summary'));
    await waitFor(() => expect(host.insert).toHaveBeenCalledTimes(1));
    const [spec, opts] = host.insert.mock.calls[0] as [WorkbookSpec, { sheets: string[]; onConflict: string; select?: string[] }];
    // the whole roster is built (the S01 average and the ranks count everyone); the chosen are selected
    expect(spec.layout.map((l) => l.agent.id)).toEqual(['E001', 'E002', 'E003']);
    expect(opts.select).toEqual(['E001', 'E002']);
    expect(spec.mode).toBe('plain');
    expect(spec.lang).toBe('zh');
    expect(opts).toMatchObject({ sheets: ['summary'], onConflict: 'replace' });
    expect(await screen.findByTestId('message-bar')).toHaveTextContent(/cover all 3 agents of the roster/);
    for (const [id, key] of [
      ['insert-formB', ['formB']],
      ['insert-after', ['after']],
      ['insert-rules', ['rules']],
      ['insert-all', undefined],
    ] as const) {
      await user.click(screen.getByTestId(id));
      await waitFor(() => expect(host.insert.mock.calls.at(-1)![1].sheets).toEqual(key));
    }
  });

  test('the messages: chosen agents selected, sheets opened instead of inserted again, forms of another month', async () => {
    const user = userEvent.setup();
    const results: Array<(spec: WorkbookSpec) => Partial<InsertResult>> = [
      (spec) => ({ selected: { sheet: 'Form A', address: 'A1:F22', agents: 1 }, spec }),
      (spec) => ({
        sheets: [],
        reused: [
          { key: 'formA', name: 'Form A' },
          { key: 'rules', name: 'Rules' },
        ],
        spec,
      }),
      (spec) => ({ renamed: { 'Form A': 'Form A (2)' }, otherStamp: { month: '2024-02', differs: ['month'] }, spec }),
    ];
    const host = fakeHost({
      insert: jest.fn(async (spec: WorkbookSpec, opts: { sheets?: string[] }) => ({ ...okInsert(spec, opts), ...results.shift()!(spec) })),
    });
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('agent-E002'));
    await user.click(screen.getByTestId('agent-E003'));
    await user.click(screen.getByTestId('insert-formA'));
    expect(await screen.findByTestId('message-bar')).toHaveTextContent(
      /The 1 chosen agents are selected in "Form A": File › Print › Print Selection/,
    );
    await user.click(screen.getByTestId('agent-all'));
    await user.click(screen.getByTestId('insert-formA'));
    await waitFor(() =>
      expect(screen.getByTestId('message-bar')).toHaveTextContent('Already in the workbook: "Form A". Opened, not inserted again.'),
    );
    expect(screen.getByTestId('message-bar')).toHaveTextContent('Used the existing sheets: Rules.');
    expect(screen.getByTestId('message-bar')).not.toHaveTextContent(/cover all/);
    await user.click(screen.getByTestId('insert-formA'));
    await waitFor(() => expect(screen.getByTestId('message-bar')).toHaveTextContent(/forms \(made for 2024-02\) differ in month/));
    expect(host.insert.mock.calls.map((c) => (c[1] as { select?: string[] }).select)).toEqual([['E001'], undefined, undefined]);
  });

  test('no agent chosen: a message on the agent list', async () => {
    const user = userEvent.setup();
    const host = fakeHost();
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('agent-all'));
    await user.click(screen.getByTestId('insert-formA'));
    expect(await screen.findByText('Choose at least one agent.')).toBeInTheDocument();
    expect(host.insert).not.toHaveBeenCalled();
  });

  test('a bad month: a validation message, nothing inserted', async () => {
    const user = userEvent.setup();
    const host = fakeHost();
    render(<App host={host} now={NOW} />);
    await user.clear(screen.getByTestId('month'));
    await user.type(screen.getByTestId('month'), '2024-13');
    expect(await screen.findByText(/"2024-13" is not a month YYYY-MM/)).toBeInTheDocument();
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('insert-formA'));
    expect(host.insert).not.toHaveBeenCalled();
  });

  test('nothing pasted: the workbook’s roster sheet is read; none → a validation message on the roster field', async () => {
    const user = userEvent.setup();
    const host = fakeHost();
    render(<App host={host} now={NOW} />);
    await user.click(screen.getByTestId('insert-formA'));
    expect(await screen.findByText(/No roster: paste or upload a CSV/)).toBeInTheDocument();
    expect(host.readRoster).toHaveBeenCalledTimes(1);
    expect(host.insert).not.toHaveBeenCalled();
  });

  test('nothing pasted and a roster sheet in the workbook: its agents are inserted', async () => {
    const user = userEvent.setup();
    const host = fakeHost({
      readRoster: jest.fn(async () => ({
        sheet: '花名册',
        row: 1,
        col: 1,
        values: [
          ['花名册', '', '', ''],
          ['工号', '姓名', '岗位', '组'],
          ['A7', '张三', 'pre-sales', '一组'],
          ['A8', '李四', 'after-sales', '一组'],
        ],
      })),
    });
    render(<App host={host} now={NOW} />);
    await user.click(screen.getByTestId('insert-formB'));
    await waitFor(() => expect(host.insert).toHaveBeenCalledTimes(1));
    expect((host.insert.mock.calls[0][0] as WorkbookSpec).layout.map((l) => l.agent.name)).toEqual(['张三', '李四']);
    expect(screen.getByText(/Read 2 agents from the sheet "花名册"/)).toBeInTheDocument();
    expect(screen.getByTestId('agent-A7')).toBeInTheDocument();
  });

  test('an uploaded roster .xlsx is read: its 花名册 sheet, shared and inline strings, numbers; the agents are inserted', async () => {
    const user = userEvent.setup();
    const host = fakeHost();
    render(<App host={host} now={NOW} />);
    const file = new File([await rosterXlsx()], 'roster.xlsx', {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    await user.upload(screen.getByTestId('roster-file'), file);
    expect(await screen.findByText('Read 3 agents from "roster.xlsx › 花名册".')).toBeInTheDocument();
    expect(screen.getByLabelText('1001 张三 · pre-sales · 一组')).toBeChecked();
    expect(screen.getByLabelText('E2 Bob Lee · after-sales')).toBeChecked();
    await user.click(screen.getByTestId('insert-formA'));
    await waitFor(() => expect(host.insert).toHaveBeenCalledTimes(1));
    expect((host.insert.mock.calls[0][0] as WorkbookSpec).layout.map((l) => l.agent.id)).toEqual(['1001', 'E2', 'E3']);
  });

  test('a roster .xlsx with a bad row names the file, sheet and cell', async () => {
    const user = userEvent.setup();
    render(<App host={fakeHost()} now={NOW} />);
    await user.upload(screen.getByTestId('roster-file'), new File([await rosterXlsx('manager')], 'roster.xlsx'));
    expect(await screen.findByTestId('message-bar')).toHaveTextContent(/roster\.xlsx › 花名册.*manager/);
  });

  test('a broken .xlsx, an .xls, or an Excel without DecompressionStream: a message with what to do', async () => {
    const user = userEvent.setup({ applyAccept: false });
    render(<App host={fakeHost()} now={NOW} />);
    await user.upload(screen.getByTestId('roster-file'), new File(['PK\u0003\u0004 not really'], 'roster.xlsx'));
    expect(await screen.findByTestId('message-bar')).toHaveTextContent(/roster\.xlsx: is not a readable \.xlsx workbook/);
    await user.upload(screen.getByTestId('roster-file'), new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])], 'old.xls'));
    await waitFor(() => expect(screen.getByTestId('message-bar')).toHaveTextContent(/old\.xls: is an \.xls \(Excel 97–2003\) file/));
    const g = globalThis as unknown as { DecompressionStream?: unknown };
    const saved = g.DecompressionStream;
    delete g.DecompressionStream;
    try {
      await user.upload(screen.getByTestId('roster-file'), new File([await rosterXlsx()], 'roster.xlsx'));
      await waitFor(() => expect(screen.getByTestId('message-bar')).toHaveTextContent(/cannot unpack \.xlsx files/));
    } finally {
      g.DecompressionStream = saved;
    }
  });

  test('an entries .xlsx is refused with what to do instead', async () => {
    const user = userEvent.setup({ applyAccept: false });
    render(<App host={fakeHost()} now={NOW} />);
    await user.click(screen.getByTestId('tab-import'));
    await user.upload(screen.getByTestId('entries-file'), new File([await rosterXlsx()], 'entries.xlsx'));
    expect(await screen.findByTestId('message-bar')).toHaveTextContent(/Entries are read from CSV only/);
  });

  test('an uploaded CSV fills the roster', async () => {
    const user = userEvent.setup();
    render(<App host={fakeHost()} now={NOW} />);
    await user.upload(screen.getByTestId('roster-file'), new File([ROSTER], 'roster.csv', { type: 'text/csv' }));
    expect(await screen.findByText(/3 agents/)).toBeInTheDocument();
    expect(screen.getByTestId('roster-paste')).toHaveValue(ROSTER);
  });
});

describe('xlsx-lite: the pane’s own .xlsx reader', () => {
  /** A zip with the given parts, stored (method 0) or deflated (method 8). */
  function zip(parts: Record<string, string>, deflate: boolean): Uint8Array {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const zlib = require('zlib') as typeof import('zlib');
    const locals: Buffer[] = [];
    const central: Buffer[] = [];
    let offset = 0;
    for (const [name, text] of Object.entries(parts)) {
      const raw = Buffer.from(text, 'utf8');
      const data = deflate ? zlib.deflateRawSync(raw) : raw;
      const n = Buffer.from(name, 'utf8');
      const lh = Buffer.alloc(30);
      lh.writeUInt32LE(0x04034b50, 0);
      lh.writeUInt16LE(deflate ? 8 : 0, 8);
      lh.writeUInt32LE(data.length, 18);
      lh.writeUInt32LE(raw.length, 22);
      lh.writeUInt16LE(n.length, 26);
      const ch = Buffer.alloc(46);
      ch.writeUInt32LE(0x02014b50, 0);
      ch.writeUInt16LE(deflate ? 8 : 0, 10);
      ch.writeUInt32LE(data.length, 20);
      ch.writeUInt32LE(raw.length, 24);
      ch.writeUInt16LE(n.length, 28);
      ch.writeUInt32LE(offset, 42);
      locals.push(lh, n, data);
      central.push(ch, n);
      offset += lh.length + n.length + data.length;
    }
    const cd = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Object.keys(parts).length, 8);
    end.writeUInt16LE(Object.keys(parts).length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    return new Uint8Array(Buffer.concat([...locals, cd, end]));
  }
  const NS =
    'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const parts = {
    'xl/workbook.xml': `<x:workbook ${NS}><x:sheets><x:sheet name="Roster" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Target="/xl/worksheets/s.xml"/></Relationships>',
    'xl/worksheets/s.xml': `<x:worksheet ${NS}><x:sheetData>
      <x:row r="2"><x:c t="inlineStr"><x:is><x:t>employee_id</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>role</x:t></x:is></x:c><x:c t="b"><x:v>1</x:v></x:c></x:row>
      <x:row><x:c t="str"><x:f>"E"&amp;1</x:f><x:v>E1</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>A</x:t></x:r><x:r><x:t xml:space="preserve"> B</x:t></x:r></x:is></x:c><x:c r="C3" t="inlineStr"><x:is><x:t>售后</x:t></x:is></x:c><x:c r="D3"><x:v>2.5</x:v></x:c></x:row>
    </x:sheetData></x:worksheet>`,
  };

  test.each([false, true])(
    'stored or deflated (%s), prefixed XML, cells without r, inline strings, formulas, booleans, numbers',
    async (deflate) => {
      const { readXlsxSheet } = await import('../src/taskpane/xlsx-lite');
      const sheet = await readXlsxSheet(zip(parts, deflate), ['花名册', 'Roster']);
      expect(sheet).toEqual({
        sheet: 'Roster',
        row: 2,
        col: 1,
        values: [
          ['employee_id', 'name', 'role', true],
          ['E1', 'A B', '售后', 2.5],
        ],
      });
    },
  );

  test('not a zip, or a zip without a workbook: an error', async () => {
    const { readXlsxSheet } = await import('../src/taskpane/xlsx-lite');
    await expect(readXlsxSheet(new Uint8Array([1, 2, 3]), [])).rejects.toThrow(/not a zip/);
    await expect(readXlsxSheet(zip({ 'a.txt': 'x' }, true), [])).rejects.toThrow(/no xl\/workbook\.xml/);
  });
});

describe('one path for every failure', () => {
  test('an Office error shows in the MessageBar with what to do, and its debugInfo under Details', async () => {
    const user = userEvent.setup();
    const officeError = Object.assign(new Error('The operation is not allowed in cell-edit mode.'), {
      name: 'RichApi.Error',
      code: 'InvalidOperationInCellEditMode',
      debugInfo: { code: 'InvalidOperationInCellEditMode', message: 'cell edit', errorLocation: 'Workbook.worksheets.add' },
    });
    const host = fakeHost({ insert: jest.fn(async () => Promise.reject(officeError)) });
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('insert-formA'));
    const bar = await screen.findByTestId('message-bar');
    expect(bar).toHaveTextContent('Excel is editing a cell (InvalidOperationInCellEditMode)');
    expect(within(bar).getByTestId('message-action')).toHaveTextContent(
      /Finish editing the cell \(press Enter or Esc in the sheet\), then try again/,
    );
    expect(within(bar).queryByTestId('message-details')).toBeNull();
    await user.click(within(bar).getByTestId('message-details-toggle'));
    expect(within(bar).getByTestId('message-details')).toHaveTextContent(/"errorLocation": "Workbook.worksheets.add"/);
    expect(screen.getAllByTestId('message-bar')).toHaveLength(1);
    // the buttons work again after the failure
    expect(screen.getByTestId('insert-formA')).toBeEnabled();
  });

  test('a missing summary when reading results says to insert it first', async () => {
    const user = userEvent.setup();
    const err = new Problem(OFFICE.missingSheet, { sheets: ['Summary'] });
    const host = fakeHost({ readSummary: jest.fn(async () => Promise.reject(err)) });
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('tab-results'));
    await user.click(screen.getByTestId('read-results'));
    const bar = await screen.findByTestId('message-bar');
    expect(bar).toHaveTextContent('A sheet is missing');
    expect(bar).toHaveTextContent(/Insert those sheets \(or the whole workbook\) first/);
  });
});

describe('results and entries', () => {
  const rows: SummaryRow[] = [
    {
      id: 'E001',
      name: 'Ann',
      role: 'pre-sales',
      group: 'G1',
      total: 78.5,
      rank: 1,
      pay: 314,
      flags: '',
      redLines: 0,
      bottom: false,
      quarter: '',
      formCell: { sheet: 'Form A', address: 'A1' },
    },
    {
      id: 'E003',
      name: 'Cy',
      role: 'pre-sales',
      group: 'G2',
      total: 'incomplete',
      rank: null,
      pay: 0,
      flags: 'incomplete',
      redLines: 0,
      bottom: false,
      quarter: '',
      formCell: { sheet: 'Form A', address: 'A23' },
    },
    {
      id: 'E002',
      name: 'Bob',
      role: 'after-sales',
      group: 'G1',
      total: 91,
      rank: 1,
      pay: 364,
      flags: '后两名·提交整改方案 季度第一·奖励',
      redLines: null,
      bottom: true,
      quarter: 'award',
      formCell: { sheet: 'After-sales', address: 'A1' },
    },
  ];

  test('the results view shows rank, total, pay and flags, and jumps to a form', async () => {
    const user = userEvent.setup();
    const host = fakeHost({ readSummary: jest.fn(async () => rows) });
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('insert-all'));
    await waitFor(() => expect(host.insert).toHaveBeenCalled());
    await user.click(screen.getByTestId('tab-results'));
    expect(screen.getByTestId('no-results')).toBeInTheDocument();
    await user.click(screen.getByTestId('read-results'));
    await screen.findByTestId('results-list');
    // the layout of the insertion is the one read
    expect((host.readSummary.mock.calls[0][0] as WorkbookSpec['layout']).map((l) => l.agent.id)).toEqual(['E001', 'E002', 'E003']);
    expect(screen.getByTestId('total-E001')).toHaveTextContent('78.50');
    expect(screen.getByTestId('rank-E001')).toHaveTextContent('1');
    expect(screen.getByTestId('pay-E001')).toHaveTextContent('314.00');
    expect(screen.getByTestId('total-E003')).toHaveTextContent('incomplete');
    expect(screen.getByTestId('rank-E003')).toHaveTextContent('—');
    // per kind, each in rank order; the flags as badges in the pane's language (the workbook's flags text is Chinese here)
    const ids = (kind: string) =>
      within(screen.getByTestId(`results-${kind}`))
        .getAllByRole('listitem')
        .map((li) => li.dataset.testid);
    expect(ids('pre-sales')).toEqual(['result-E001', 'result-E003']);
    expect(ids('after-sales')).toEqual(['result-E002']);
    expect(screen.getByTestId('flags-E002')).toHaveTextContent('Last twoQuarter award');
    expect(screen.getByTestId('flags-E003')).toHaveTextContent('Incomplete');
    expect(screen.queryByTestId('flags-E001')).toBeNull();
    await user.click(screen.getByTestId('open-E002'));
    await waitFor(() => expect(host.activate).toHaveBeenCalledWith({ sheet: 'After-sales', address: 'A1' }));
  });

  test('#NAME? in the results: a hint that the KPI functions are not loaded', async () => {
    const user = userEvent.setup();
    const host = fakeHost({ readSummary: jest.fn(async () => [{ ...rows[0], total: '#NAME?', rank: '#NAME?' }]) });
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('tab-results'));
    await user.click(screen.getByTestId('read-results'));
    expect(await screen.findByTestId('message-bar')).toHaveTextContent(/KPI functions are not loaded/);
  });

  // D12: the counts go as records (the form's count is their sum), the monthly figures into the input cells
  test('entries CSV is checked and written: counts as records, monthly figures into the input cells; a bad row is named', async () => {
    const user = userEvent.setup();
    const host = fakeHost();
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('tab-import'));
    expect(screen.getByTestId('calls-upload')).toHaveTextContent('Import call-centre log');
    const ta = screen.getByTestId('entries-paste');
    await user.click(ta);
    await user.paste('employee_id,code,value,date,evidence\nE001,A01,2,,\nE001,A01,1,2024-02-05,call ID7\nE002,S03,b,,');
    await user.click(screen.getByTestId('import-entries'));
    await importDone(host);
    expect(host.writeInputs.mock.calls[0][1]).toEqual({ E002: { S03: 'B' } });
    expect(host.writeInputs.mock.calls[0][2]).toEqual([
      { date: '', id: 'E001', code: 'A01', count: 2, evidence: '', by: '', status: '' },
      { date: '2024-02-05', id: 'E001', code: 'A01', count: 1, evidence: 'call ID7', by: '', status: '' },
    ]);
    expect(await screen.findByTestId('message-bar')).toHaveTextContent('Wrote 1 input cell and 2 records.');
    await user.clear(ta);
    await user.paste('employee_id,code,value\nE001,A01,-1');
    await user.click(screen.getByTestId('import-entries'));
    // said once: on the entries field, not again in the MessageBar
    expect(await screen.findByTestId('entries-message')).toHaveTextContent(/row 2: A01 count "-1" must be a whole number ≥ 0/);
    expect(screen.queryByTestId('message-bar')).toBeNull();
    expect(host.writeInputs).toHaveBeenCalledTimes(1);
  });
});

describe('the pane’s flow and messages (issue 8)', () => {
  test.each([
    [new Date(2024, 2, 15), '2024-02'],
    [new Date(2024, 2, 31, 23, 59), '2024-02'],
    [new Date(2025, 0, 1, 0, 0), '2024-12'],
    [new Date(2025, 11, 31), '2025-11'],
  ])('the month defaults to the one that just ended (%s → %s)', (now, month) => {
    render(<App host={fakeHost()} now={now} />);
    expect(screen.getByTestId('month')).toHaveValue(month);
  });

  test('the primary action comes first: “Insert the whole workbook”, the one-sheet buttons after it, collapsed', async () => {
    const user = userEvent.setup();
    const host = fakeHost();
    render(<App host={host} now={NOW} />);
    const inserts = screen.getAllByRole('button').filter((b) => b.dataset.testid?.startsWith('insert-'));
    expect(inserts[0]).toBe(screen.getByTestId('insert-all'));
    expect(inserts[0]).toHaveTextContent('Insert the whole workbook');
    expect(inserts.slice(1).map((b) => b.dataset.testid)).toEqual([
      'insert-formA',
      'insert-formB',
      'insert-test',
      'insert-after',
      'insert-summary',
      'insert-rules',
    ]);
    // the six are in a section closed at first, as are the options
    expect(screen.getByTestId('insert-one')).not.toHaveAttribute('open');
    expect(screen.getByTestId('insert-formA')).not.toBeVisible();
    expect(screen.getByTestId('options')).not.toHaveAttribute('open');
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('insert-all'));
    await waitFor(() => expect(host.insert).toHaveBeenCalledTimes(1));
    expect(host.insert.mock.calls[0][1].sheets).toBeUndefined();
  });

  test('a message is cleared on another tab and by a new action', async () => {
    const user = userEvent.setup();
    const host = fakeHost();
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('insert-all'));
    expect(await screen.findByTestId('message-bar')).toHaveTextContent('Inserted:');
    await user.click(screen.getByTestId('tab-import'));
    expect(screen.queryByTestId('message-bar')).toBeNull();
    const ta = await screen.findByTestId('entries-paste');
    await user.click(ta);
    await user.paste('employee_id,code,value\nE001,A01,2');
    await user.click(screen.getByTestId('import-entries'));
    expect(await screen.findByTestId('message-bar')).toHaveTextContent('Wrote 1 input cell and 2 records.');
    await user.click(screen.getByTestId('tab-results'));
    expect(screen.queryByTestId('message-bar')).toBeNull();
    await user.click(screen.getByTestId('tab-forms'));
    await user.click(screen.getByTestId('insert-all'));
    expect(await screen.findByTestId('message-bar')).toHaveTextContent('Inserted:');
    // a new action: the old message goes before the new one comes
    await user.click(screen.getByTestId('insert-all'));
    await waitFor(() => expect(host.insert).toHaveBeenCalledTimes(3));
    expect(screen.getAllByTestId('message-bar')).toHaveLength(1);
  });

  test('a message shows its first line; the others open under Details', async () => {
    const user = userEvent.setup();
    const host = fakeHost({
      insert: jest.fn(async (spec: WorkbookSpec, opts: { sheets?: string[] }) => ({
        ...okInsert(spec, opts),
        renamed: { 'Form A': 'Form A (2)' },
        replaced: ['Rules'],
      })),
    });
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('insert-all'));
    const bar = await screen.findByTestId('message-bar');
    expect(within(bar).getByTestId('message-text').textContent).toMatch(/^Inserted: [^\n]*Roster\.$/);
    const more = within(bar).getByTestId('message-more');
    expect(more).not.toBeVisible();
    expect(more).toHaveTextContent(/renamed: Form A → Form A \(2\)/);
    await user.click(within(bar).getByTestId('message-details-toggle'));
    expect(more).toBeVisible();
  });

  test('an entries CSV refused for three rows: the first on the field, the other two under its Details, nothing in the MessageBar', async () => {
    const user = userEvent.setup();
    const host = fakeHost();
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('tab-import'));
    const ta = await screen.findByTestId('entries-paste');
    await user.click(ta);
    await user.paste('employee_id,code,value\nE001,A01,x\nE001,A02,-1\nE002,S03,Q');
    await user.click(screen.getByTestId('import-entries'));
    const note = await screen.findByTestId('entries-message');
    expect(note.firstElementChild).toHaveTextContent(/row 2/);
    expect(note.firstElementChild).not.toHaveTextContent(/row 3/);
    // under Details: the first row's details (why its value breaks the rule), then the other two rows
    expect(within(note).getByTestId('entries-message-more')).toHaveTextContent('Details (+3)');
    expect(note.querySelector('details')).not.toHaveAttribute('open');
    expect(
      within(note)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['it is not a number', expect.stringMatching(/row 3/), expect.stringMatching(/row 4/)]);
    expect(screen.queryByTestId('message-bar')).toBeNull();
    expect(host.writeInputs).not.toHaveBeenCalled();
  });

  test('results: a red line is a red card with its own badge, apart from last two; in Chinese the badges are Chinese', async () => {
    const user = userEvent.setup();
    const row = (id: string, over: Partial<SummaryRow>): SummaryRow => ({
      id,
      name: id,
      role: 'pre-sales',
      group: '',
      total: 80,
      rank: 1,
      pay: 320,
      flags: '',
      redLines: 0,
      bottom: false,
      quarter: '',
      formCell: { sheet: 'Form A', address: 'A1' },
      ...over,
    });
    const rows = [
      row('E1', { rank: 3, total: 60, bottom: true }),
      row('E2', { rank: 1, redLines: 2, pay: 0 }),
      row('E3', { rank: 2, total: 70, bottom: true, redLines: 1, pay: 0 }),
      row('E4', { rank: 1, role: 'after-sales', quarter: 'transfer' }),
    ];
    const host = fakeHost({ displayLanguage: 'zh-CN', readSummary: jest.fn(async () => rows) });
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('tab-results'));
    await user.click(await screen.findByTestId('read-results'));
    await screen.findByTestId('results-list');
    const ids = (kind: string) =>
      within(screen.getByTestId(`results-${kind}`))
        .getAllByRole('listitem')
        .map((li) => li.dataset.testid);
    expect(ids('pre-sales')).toEqual(['result-E2', 'result-E3', 'result-E1']);
    expect(ids('after-sales')).toEqual(['result-E4']);
    expect(screen.getByTestId('results-list')).toHaveTextContent('售前(3 人)');
    const flags = (id: string) =>
      [...screen.getByTestId(`flags-${id}`).querySelectorAll('[data-flag]')].map((b) => b.getAttribute('data-flag'));
    expect(flags('E2')).toEqual(['redLine']);
    expect(flags('E1')).toEqual(['lastTwo']);
    expect(flags('E3')).toEqual(['redLine', 'lastTwo']);
    expect(flags('E4')).toEqual(['transfer']);
    expect(screen.getByTestId('flags-E2')).toHaveTextContent('红线·上报');
    expect(screen.getByTestId('flags-E1')).toHaveTextContent('后两名');
    // the card of a red line is marked as one, a last two's as that
    expect(screen.getByTestId('result-E2').dataset.flags).toBe('redLine');
    expect(screen.getByTestId('result-E2').className).not.toBe(screen.getByTestId('result-E1').className);
    expect(screen.getByTestId('result-E3').className).toBe(screen.getByTestId('result-E2').className);
  });
});

describe('call-centre log', () => {
  const EXAMPLES = path.join(__dirname, '..', 'examples');
  const ROSTER_2015 = fs.readFileSync(path.join(EXAMPLES, 'roster-2015q1.csv'), 'utf8');
  /** the header and the first 60 calls (1–2 January 2015) of the public log; its row 10 is agent "L" */
  const HEAD =
    fs
      .readFileSync(path.join(EXAMPLES, 'call-centre', 'calls-2015q1.csv'), 'utf8')
      .split('\n')
      .slice(0, 61)
      .join('\n') + '\n';
  const RAW_XLSX = path.join(EXAMPLES, 'call-centre', 'raw-call-center-dataset.xlsx');
  const roster2015: Agent[] = ROSTER_2015.trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map(([id, name, role, group]) => ({ id, name, role: role as Agent['role'], group }));
  const layout = buildWorkbook({ month: '2015-01', agents: roster2015, lang: 'en', mode: 'kpi' }).layout;

  /** What the CLI's reader (io/calls.ts: fs, iconv-lite, ExcelJS) imports from the same bytes. */
  async function cliImport(bytes: Uint8Array | string, ext: string) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-pane-calls-')), `log.${ext}`);
    fs.writeFileSync(file, bytes);
    return importCalls(file, { month: '2015-01', agents: roster2015 });
  }
  /**
   * What the pane writes of the CLI's import (D12): A01 as its records (one per unanswered call, the call
   * as evidence), the typed S01/S02 as inputs.
   */
  const paneWrites = (cli: Awaited<ReturnType<typeof cliImport>>) => ({
    inputs: Object.fromEntries(
      Object.entries(cli.inputs)
        .map(([id, rec]) => [id, Object.fromEntries(Object.entries(rec).filter(([code]) => code !== 'A01'))] as const)
        .filter(([, rec]) => Object.keys(rec).length > 0),
    ),
    records: (cli.records ?? []).filter((r) => r.code === 'A01'),
  });

  /** A fake host whose writeInputs counts the cells and records it is given. */
  const countingHost = (over: Partial<KpiHost> = {}) =>
    fakeHost({
      writeInputs: jest.fn(async (_l: unknown, inputs: Record<string, Record<string, unknown>>, records?: readonly unknown[]) => ({
        cells: Object.values(inputs).reduce((n, r) => n + Object.keys(r).length, 0),
        records: records?.length ?? 0,
        notInLayout: [],
      })),
      ...over,
    });

  /** Renders the pane with the 2015 roster and month, on the Import tab. */
  async function openImport(host: Mocked) {
    const user = userEvent.setup({ applyAccept: false });
    render(<App host={host} now={NOW} />);
    await user.clear(screen.getByTestId('month'));
    await user.type(screen.getByTestId('month'), '2015-01');
    await pasteRoster(user, ROSTER_2015);
    await user.click(screen.getByTestId('tab-import'));
    return user;
  }

  test('decoding: UTF-8 with or without BOM, else GB18030 (Node’s TextDecoder, as browsers have it)', () => {
    const utf8 = new Uint8Array(Buffer.from('Agent\n示例', 'utf8'));
    expect(decodeCsvBytes(utf8)).toEqual({ text: 'Agent\n示例', encoding: 'UTF-8' });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: 'Agent\n示例', encoding: 'UTF-8' });
    expect(decodeCsvBytes(new Uint8Array(iconv.encode('Agent\n示例', 'gb18030')))).toEqual({ text: 'Agent\n示例', encoding: 'GB18030' });
  });

  test('a CSV log writes A01 (pre-sales) and S01/S02 (after-sales) as the CLI imports them; agent "L" is a warning', async () => {
    const host = countingHost();
    const user = await openImport(host);
    await user.upload(screen.getByTestId('calls-file'), new File([HEAD], 'calls-2015q1.csv', { type: 'text/csv' }));
    await importDone(host);
    const [usedLayout, inputs, records] = host.writeInputs.mock.calls[0] as [
      typeof layout,
      Record<string, Record<string, number | string>>,
      KpiRecord[],
    ];
    expect(usedLayout.map((l) => l.agent.id)).toEqual(layout.map((l) => l.agent.id));
    const cli = await cliImport(HEAD, 'csv');
    expect({ inputs, records }).toEqual(paneWrites(cli));
    // pre-sales: A01 as records, one per unanswered call with its id and time; after-sales: S01 and S02 typed
    for (const a of roster2015.filter((x) => x.name !== '示例')) {
      if (a.role === 'pre-sales') {
        expect(inputs[a.id]).toBeUndefined();
        expect(records.filter((r) => r.id === a.id).length).toBe(cli.inputs[a.id].A01);
      } else expect(Object.keys(inputs[a.id]).sort()).toEqual(['S01', 'S02']);
    }
    expect(records.every((r) => /^call ID\d+ \d\d:\d\d$/.test(r.evidence) && r.count === 1 && r.date.startsWith('2015-01-'))).toBe(true);
    expect(inputs.E09).toBeUndefined();
    expect(inputs.E05.S02).toMatch(/^[A-D]+$/);
    expect(cli.unknownAgents).toEqual([{ name: 'L', rows: 1 }]);

    const bar = await screen.findByTestId('message-bar');
    expect(bar).toHaveTextContent('Part of the log was not imported');
    expect(bar).toHaveTextContent(
      `Imported "calls-2015q1.csv": wrote ${records.length} records (A01, one per unanswered call, the call as evidence) and 8 input cells (S01, S02)`,
    );
    expect(bar).toHaveTextContent('Log agents not in the roster, their calls not imported: "L" (1 call)');
    expect(bar.getAttribute('role')).toBe('status');
    const report = screen.getByTestId('calls-report');
    expect(report).toHaveTextContent('Read calls-2015q1.csv (CSV, UTF-8): 60 data rows');
    expect(report).toHaveTextContent(/Agent "L" of the log is not in the roster: 1 call of 2015-01 not imported \(row 10\)/);
    expect(report).toHaveTextContent(/E05 Jim \(after-sales\): \d+ calls, \d+ answered → S01 = \d+; S02 = [A-D]+/);
    expect(within(report).getAllByRole('listitem')).toHaveLength(cli.messages.length);
  });

  test('a GB18030 CSV (Excel’s "CSV" in Chinese locales) is decoded as such', async () => {
    const host = countingHost();
    const user = await openImport(host);
    const text = HEAD.replace(/,Dan,/g, ',示例,');
    const bytes = new Uint8Array(iconv.encode(text, 'gb18030'));
    await user.upload(screen.getByTestId('calls-file'), new File([bytes], 'calls-gbk.csv'));
    await importDone(host);
    const [, inputs, records] = host.writeInputs.mock.calls[0] as [unknown, Record<string, Record<string, number>>, KpiRecord[]];
    expect({ inputs, records }).toEqual(paneWrites(await cliImport(bytes, 'csv')));
    expect(records.filter((r) => r.id === 'E09').length).toBeGreaterThan(0);
    expect(records.filter((r) => r.id === 'E02')).toEqual([]);
    expect(screen.getByTestId('calls-report')).toHaveTextContent('Read calls-gbk.csv (CSV, GB18030)');
    expect(screen.getByTestId('calls-report')).toHaveTextContent('E09 示例 (pre-sales)');
  });

  test('the raw .xlsx log (date-time serial numbers) gives the CLI’s inputs', async () => {
    const host = countingHost();
    const user = await openImport(host);
    const bytes = fs.readFileSync(RAW_XLSX);
    await user.upload(screen.getByTestId('calls-file'), new File([bytes], 'raw-call-center-dataset.xlsx'));
    await importDone(host, 30000);
    const [, inputs, records] = host.writeInputs.mock.calls[0];
    expect({ inputs, records }).toEqual(paneWrites(await cliImport(bytes, 'xlsx')));
    expect(screen.getByTestId('calls-report')).toHaveTextContent(
      /Read raw-call-center-dataset\.xlsx \(xlsx, first worksheet "[^"]+"\): 5000 data rows; mapping: the preset for the raw log/,
    );
    expect(await screen.findByTestId('message-bar')).toHaveTextContent(/wrote \d+ records \(A01, .*\) and 8 input cells \(S01, S02\)/);
  }, 60000);

  test('a CSV without the needed columns: the MessageBar names the missing ones; nothing is written', async () => {
    const host = countingHost();
    const user = await openImport(host);
    await user.upload(screen.getByTestId('calls-file'), new File(['Call Id,Date,Agent\nID1,01-01-15,Becky\n'], 'short.csv'));
    const bar = await screen.findByTestId('message-bar');
    // the headline shown; what the header row has under Details
    expect(within(bar).getByTestId('message-text')).toHaveTextContent(
      /^short\.csv: missing columns "Answered \(Y\/N\)" \(answered\), "Satisfaction rating" \(satisfaction\)$/,
    );
    expect(within(bar).getByTestId('message-more')).toHaveTextContent('the header row has "Call Id", "Date", "Agent"');
    expect(within(bar).getByTestId('message-action')).toHaveTextContent(/needs a header row with Call Id, Date, Agent/);
    expect(bar.getAttribute('role')).toBe('alert');
    expect(host.writeInputs).not.toHaveBeenCalled();
    expect(screen.queryByTestId('calls-report')).toBeNull();
  });

  test('an .xls, and an .xlsx where this Excel cannot unpack one: what to do instead', async () => {
    const host = countingHost();
    const user = await openImport(host);
    await user.upload(screen.getByTestId('calls-file'), new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0])], 'old.xls'));
    expect(await screen.findByTestId('message-bar')).toHaveTextContent(/old\.xls: is an old binary Excel \(\.xls\)/);
    const g = globalThis as unknown as { DecompressionStream?: unknown };
    const saved = g.DecompressionStream;
    delete g.DecompressionStream;
    try {
      await user.upload(screen.getByTestId('calls-file'), new File([fs.readFileSync(RAW_XLSX)], 'raw.xlsx'));
      await waitFor(() =>
        expect(screen.getByTestId('message-bar')).toHaveTextContent(/save the log as CSV and import that, or use the command line/),
      );
    } finally {
      g.DecompressionStream = saved;
    }
    expect(host.writeInputs).not.toHaveBeenCalled();
  });

  test('no call of the month: a warning, nothing written; in Chinese the message is Chinese', async () => {
    const host = countingHost({ displayLanguage: 'zh-CN' });
    const user = userEvent.setup();
    render(<App host={host} now={NOW} />);
    await user.clear(screen.getByTestId('month'));
    await user.type(screen.getByTestId('month'), '2015-06');
    await pasteRoster(user, ROSTER_2015);
    await user.click(screen.getByTestId('tab-import'));
    await user.upload(screen.getByTestId('calls-file'), new File([HEAD], 'calls.csv', { type: 'text/csv' }));
    expect(await screen.findByTestId('message-bar')).toHaveTextContent('“calls.csv”中没有可导入 2015-06 的内容');
    expect(screen.getByTestId('calls-report')).toHaveTextContent(
      '日志中没有 2015-06 的来电(日志的日期从 2015-01 到 2015-01):未导入任何内容。',
    );
    expect(host.writeInputs).not.toHaveBeenCalled();
  });

  test.each(HOST_CASES)(
    'end to end through Office.js on %s (fake Excel): A01 as records on the records sheet (call id and time), S01/S02 in the forms’ input cells',
    async (_n, xl) => {
      const wb = new FakeWorkbook(undefined, xl);
      if (!canInsert(xl)) {
        // Excel 2016 does not insert: the forms come from elsewhere (the CLI, another Excel), with plain formulas
        wb.host = HOSTS['m365-windows'];
        await insertIntoWorkbook(buildWorkbook({ month: '2015-01', agents: roster2015, lang: 'en', mode: 'plain' }), { run: wb.run });
        wb.host = xl;
      }
      const host = officeOn(wb);
      const user = userEvent.setup();
      render(<App host={host} now={NOW} />);
      await user.clear(screen.getByTestId('month'));
      await user.type(screen.getByTestId('month'), '2015-01');
      await pasteRoster(user, ROSTER_2015);
      if (canInsert(xl)) {
        await user.click(screen.getByTestId('insert-all'));
        await waitFor(() => expect(screen.getByTestId('message-bar')).toHaveTextContent('Inserted:'));
      } else expect(screen.getByTestId('insert-all')).toBeDisabled();
      const before = wb.stats.syncs;
      await user.click(screen.getByTestId('tab-import'));
      await user.upload(screen.getByTestId('calls-file'), new File([HEAD], 'calls.csv', { type: 'text/csv' }));
      await waitFor(() => expect(screen.getByTestId('message-bar')).toHaveTextContent(/and 8 input cells/));
      // where the records end, then the write
      expect(wb.stats.syncs - before).toBeLessThanOrEqual(2);
      const cli = await cliImport(HEAD, 'csv');
      const { inputs, records } = paneWrites(cli);
      for (const l of layout) {
        for (const [code, v] of Object.entries(inputs[l.agent.id] ?? {})) {
          expect(wb.sheet(l.inputs[code].sheet)!.value(l.inputs[code].address)).toBe(v);
        }
      }
      // the records sheet from row 4: one row per unanswered call of a pre-sales agent, as the CLI imports it
      const rec = wb.sheet('Records')!;
      const rows = Array.from({ length: records.length + 1 }, (_, i) => ['B', 'C', 'D', 'E', 'F'].map((c) => rec.value(`${c}${4 + i}`)));
      expect(rows).toEqual([...records.map((r) => [r.id, 'A01', 1, r.evidence, 'call log']), ['', '', '', '', '']]);
      expect(records.length).toBe(Object.values(cli.inputs).reduce((n, r) => n + ((r.A01 as number) ?? 0), 0));
      expect(records.length).toBeGreaterThan(0);
      // the dates as days (serials): the first record's
      expect(rec.value('A4')).toBe(Math.round((Date.parse(records[0].date) - Date.UTC(1899, 11, 30)) / 86400000));
      leaveOffice();
    },
  );
});

describe('what Excel refuses, through the pane’s one message bar, in its language', () => {
  const T = {
    'en-US': {
      inserted: 'Inserted:',
      replace: /Replace the chosen sheet/,
      formA: 'Form A',
      busy: ['Still calculating', 'still calculating (the cells show #BUSY!)', 'click “Read results” again'],
      locked: [
        'A sheet is protected with a password',
        // the headline; "Nothing was changed." under Details
        '"Form A" is protected with a password, so it was not replaced.',
        'Unprotect it with its password',
      ],
      editing: ['Excel is editing a cell', 'Finish editing the cell (press Enter or Esc in the sheet), then try again.'],
    },
    'zh-CN': {
      inserted: '已插入',
      replace: /替换所选的表/,
      formA: '表A-业务',
      busy: ['仍在计算', 'KPI 函数仍在计算(单元格显示 #BUSY!)', '再点“读取结果”重试'],
      locked: ['工作表受密码保护', '工作表“表A-业务”设有密码保护,因此没有替换', '输入密码取消保护'],
      editing: ['Excel 正在编辑单元格', '请先结束单元格编辑(在表格中按 Enter 或 Esc),然后重试。'],
    },
  } as const;
  type Lang = keyof typeof T;
  const LANGS = Object.keys(T) as Lang[];

  /** The pane over a fake Microsoft 365 (or `xl`), the roster pasted; `insertFirst`: every sheet inserted through the pane. */
  async function pane(lang: Lang, insertFirst: boolean, xl: FakeHost = HOSTS['m365-windows']) {
    const wb = new FakeWorkbook(undefined, xl);
    const host = officeOn(wb, lang);
    const user = userEvent.setup();
    render(<App host={host} now={NOW} />);
    await pasteRoster(user, ROSTER);
    if (insertFirst) {
      await user.click(screen.getByTestId('insert-all'));
      await waitFor(() => expect(screen.getByTestId('message-bar')).toHaveTextContent(T[lang].inserted));
    }
    return { wb, user };
  }

  test.each(LANGS)(
    '%s: results read while the KPI functions calculate: read again, then shown; still #BUSY! → “still calculating, try again”',
    async (lang) => {
      const { wb, user } = await pane(lang, true);
      const summary = wb.sheet(wb.sheetNames.find((n) => /汇总|Summary/.test(n))!)!;
      const rankCells = [...summary.cells.entries()].filter(([, c]) => /^=KPI\.RANK\(/.test(c.formula ?? ''));
      expect(rankCells.length).toBeGreaterThan(0);
      rankCells.forEach(([, c], i) => (c.value = i + 1));
      // the insertion's write set the functions calculating: the first read gives #BUSY!
      expect(wb.calculating).toBe(1);
      await user.click(screen.getByTestId('tab-results'));
      const before = wb.stats.syncs;
      await user.click(screen.getByTestId('read-results'));
      await screen.findByTestId('results-list');
      expect(wb.stats.syncs - before).toBe(2);
      expect(screen.getByTestId('rank-E001')).toHaveTextContent('1');
      expect(screen.queryByTestId('message-bar')?.textContent ?? '').not.toMatch(/BUSY/);

      wb.calculating = 99;
      await user.click(screen.getByTestId('read-results'));
      const bar = await screen.findByTestId('message-bar');
      await waitFor(() => expect(bar).toHaveTextContent(T[lang].busy[0]));
      expect(bar).toHaveTextContent(T[lang].busy[1]);
      expect(within(bar).getByTestId('message-action')).toHaveTextContent(T[lang].busy[2]);
      await waitFor(() => expect(screen.getByTestId('read-results')).toBeEnabled());
    },
  );

  test.each(LANGS)('%s: replacing a sheet someone protected with a password: a clear message, nothing half-written', async (lang) => {
    const { wb, user } = await pane(lang, false);
    await user.click(screen.getByTestId('insert-formA'));
    await waitFor(() => expect(screen.getByTestId('message-bar')).toHaveTextContent(T[lang].inserted));
    const form = wb.sheet(T[lang].formA)!;
    form.protectPassword = 'their secret';
    const before = JSON.stringify({ cells: [...form.cells], names: [...wb.names], sheets: wb.sheetNames });
    await user.click(screen.getByLabelText(T[lang].replace));
    await user.click(screen.getByTestId('insert-formA'));
    await waitFor(() => expect(screen.getByTestId('message-bar')).toHaveTextContent(T[lang].locked[0]));
    const bar = screen.getByTestId('message-bar');
    expect(bar).toHaveTextContent(T[lang].locked[1]);
    expect(within(bar).getByTestId('message-action')).toHaveTextContent(T[lang].locked[2]);
    expect(JSON.stringify({ cells: [...form.cells], names: [...wb.names], sheets: wb.sheetNames })).toBe(before);
    expect(form.protected).toBe(true);
    await waitFor(() => expect(screen.getByTestId('insert-formA')).toBeEnabled());
  });

  test.each(LANGS)('%s: a cell being edited: “finish editing the cell, then try again”; nothing written', async (lang) => {
    const { wb, user } = await pane(lang, false);
    wb.cellEditMode = true;
    await user.click(screen.getByTestId('insert-formA'));
    await waitFor(() => expect(screen.getByTestId('message-bar')).toHaveTextContent(T[lang].editing[0]));
    expect(within(screen.getByTestId('message-bar')).getByTestId('message-action')).toHaveTextContent(T[lang].editing[1]);
    expect(wb.sheetNames).toEqual(['Sheet1']);
    // once the edit is finished, the same click works
    wb.cellEditMode = false;
    await waitFor(() => expect(screen.getByTestId('insert-formA')).toBeEnabled());
    await user.click(screen.getByTestId('insert-formA'));
    await waitFor(() => expect(screen.getByTestId('message-bar')).toHaveTextContent(T[lang].inserted));
    expect(wb.sheetNames).toContain(T[lang].formA);
  });
});

describe('language, requirements, outside Excel', () => {
  test('zh-CN Office shows Chinese; the switch changes the language both ways', async () => {
    const user = userEvent.setup();
    render(<App host={fakeHost({ displayLanguage: 'zh-CN' })} now={NOW} />);
    expect(screen.getByTestId('insert-formA')).toHaveTextContent('插入表A');
    await user.click(screen.getByTestId('lang-switch'));
    expect(screen.getByTestId('insert-formA')).toHaveTextContent('Insert form A');
    await user.click(screen.getByTestId('lang-switch'));
    expect(screen.getByTestId('insert-formA')).toHaveTextContent('插入表A');
  });

  test('a message already shown is re-worded when the language changes', async () => {
    const user = userEvent.setup();
    render(<App host={fakeHost()} now={NOW} />);
    await pasteRoster(user, ROSTER);
    await user.click(screen.getByTestId('insert-formA'));
    expect(await screen.findByTestId('message-bar')).toHaveTextContent('Inserted:');
    await user.click(screen.getByTestId('lang-switch'));
    expect(screen.getByTestId('message-bar')).toHaveTextContent('已插入');
  });

  test('a problem is worded in the pane’s language, on a field as in the MessageBar, and again when the language changes', async () => {
    const user = userEvent.setup({ applyAccept: false });
    render(<App host={fakeHost({ displayLanguage: 'zh-CN' })} now={NOW} />);
    await pasteRoster(user, 'employee_id,name,role,group\nE001,Ann,boss,G1');
    expect(
      await screen.findByText('粘贴的花名册 第 2 行:岗位 "boss" 必须是售前或售后(也可写作 pre-sales 或 after-sales)'),
    ).toBeInTheDocument();
    await user.click(screen.getByTestId('lang-switch'));
    expect(await screen.findByText('pasted roster row 2: role "boss" must be pre-sales or after-sales (售前 or 售后)')).toBeInTheDocument();
    await user.click(screen.getByTestId('lang-switch'));

    await user.click(screen.getByTestId('tab-import'));
    await user.upload(screen.getByTestId('entries-file'), new File([await rosterXlsx()], 'entries.xlsx'));
    const bar = await screen.findByTestId('message-bar');
    expect(bar).toHaveTextContent('输入有误');
    expect(bar).toHaveTextContent('考核记录只能上传 CSV:请把该工作表另存为“CSV UTF-8(逗号分隔)”后上传,或直接复制粘贴。');
    expect(within(bar).getByTestId('message-action')).toHaveTextContent('按提示修改对应的行,然后重新粘贴或上传。');
    await user.click(screen.getByTestId('lang-switch'));
    expect(screen.getByTestId('message-bar')).toHaveTextContent('The input has problems');
    expect(screen.getByTestId('message-bar')).toHaveTextContent(/Entries are read from CSV only/);
  });

  test('a missing requirement set is named with what still works', () => {
    const support = checkSupport((set, v) => !(set === 'ExcelApi' && v === '1.9'));
    render(<App host={fakeHost({ support })} now={NOW} />);
    const notice = screen.getByTestId('requirements');
    expect(notice).toHaveTextContent('ExcelApi 1.9 is missing: No page setup (A4, print area, one agent per page).');
    expect(notice).toHaveTextContent('Everything else works.');
    expect(screen.getByTestId('insert-formA')).toBeEnabled();
  });

  test('without ExcelApi 1.4 inserting is off; without custom functions plain formulas are chosen', () => {
    const support = checkSupport(() => false);
    render(<App host={fakeHost({ support })} now={NOW} />);
    expect(screen.getByTestId('requirements')).toHaveTextContent(/ExcelApi 1.4 is missing: Forms cannot be inserted/);
    expect(screen.getByTestId('requirements')).toHaveTextContent(/CustomFunctionsRuntime 1.3 is missing/);
    expect(screen.getByTestId('insert-formA')).toBeDisabled();
    expect(screen.getByLabelText(/Plain Excel/)).toBeChecked();
  });

  test('outside Excel: open it in Excel', () => {
    render(<NotInExcel language="en-US" />);
    expect(screen.getByTestId('not-in-excel')).toHaveTextContent(/Open this in Excel/);
  });
});

describe('entry point (src/taskpane/index.tsx)', () => {
  const g = globalThis as unknown as { Office?: unknown; Excel?: unknown };
  afterEach(() => {
    delete g.Office;
    delete g.Excel;
    document.body.innerHTML = '';
  });
  /**
   * Boots the entry point inside act: the first call imports it (it boots on import), later calls run
   * its exported boot() again (same module registry, so the same React as act's).
   */
  let entry: { boot(): void } | null = null;
  const boot = () =>
    act(async () => {
      if (!entry) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        entry = require('../src/taskpane/index');
      } else entry.boot();
      await new Promise((r) => setTimeout(r, 0));
    });

  test('no Office.js: the not-in-excel message', async () => {
    document.body.innerHTML = '<div id="root"></div>';
    await boot();
    expect(await screen.findByTestId('not-in-excel')).toBeInTheDocument();
  });

  test('Office ready in another host: the not-in-excel message', async () => {
    document.body.innerHTML = '<div id="root"></div>';
    g.Office = { onReady: () => Promise.resolve({ host: 'Word', platform: 'PC' }), context: { displayLanguage: 'zh-CN' } };
    await boot();
    expect(await screen.findByTestId('not-in-excel')).toHaveTextContent('请在 Excel 中打开');
  });

  test.each(HOST_CASES)('Office ready in %s with a fake Excel.run: paste a roster, insert form A, the workbook has it', async (_n, xl) => {
    document.body.innerHTML = '<div id="root"></div>';
    const wb = new FakeWorkbook(undefined, xl);
    const run = jest.fn(wb.run);
    g.Office = {
      onReady: () => Promise.resolve({ host: 'Excel', platform: xl.platform }),
      context: { displayLanguage: 'en-US', platform: xl.platform, requirements: { isSetSupported: wb.isSetSupported } },
    };
    g.Excel = { run };
    await boot();
    const user = userEvent.setup();
    await screen.findByTestId('insert-formA');
    await pasteRoster(user, ROSTER);
    if (!canInsert(xl)) {
      // Excel 2016 (ExcelApi 1.1): the pane says what is missing and what still works; nothing is inserted
      expect(screen.getByTestId('requirements')).toHaveTextContent(/ExcelApi 1.4 is missing: Forms cannot be inserted/);
      expect(screen.getByTestId('insert-formA')).toBeDisabled();
      expect(run).not.toHaveBeenCalled();
      return;
    }
    // without custom functions (CustomFunctionsRuntime 1.3) the pane writes plain formulas
    const kpi = new FakeWorkbook([], xl).isSetSupported('CustomFunctionsRuntime', '1.3');
    expect(screen.getByLabelText(/Plain Excel/)).toHaveProperty('checked', !kpi);
    await user.click(screen.getByTestId('insert-formA'));
    // form A's counts are sums over the records sheet (D12), whose ids are checked against the roster sheet
    expect(await screen.findByTestId('message-bar')).toHaveTextContent('Inserted: Form A, Records, Rules, Roster.');
    expect(run).toHaveBeenCalledTimes(1);
    expect(wb.stats.syncs).toBe(2);
    expect([...wb.sheetNames].sort()).toEqual(['Form A', 'Records', 'Roster', 'Rules', 'Sheet1']);
    // the name is on the form (which cell is the template's business)
    expect([...wb.sheet('Form A')!.cells.values()].some((c) => c.value === 'Ann')).toBe(true);
    expect(wb.active).toBe('Form A');
    // then the summary: form A and the rules are used as they are, not copied
    await user.click(screen.getByTestId('insert-summary'));
    await waitFor(() => expect(screen.getByTestId('message-bar')).toHaveTextContent('Used the existing sheets: Form A, Records, Rules.'));
    expect(wb.sheetNames.filter((n) => /\(\d+\)$/.test(n))).toEqual([]);
    expect(wb.stats.syncs).toBe(4);
  });
});
