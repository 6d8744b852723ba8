/** @jest-environment jsdom */
/**
 * The task pane's on-demand chunks (src/taskpane/chunks.ts) in jsdom: a Spinner while a piece loads, a
 * chunk that fails to load reported in the pane's one MessageBar in its language (and re-worded when the
 * language changes), the next use loading it again; the lazily loaded Office.js host reads Office's
 * language and requirement sets as createOfficeHost does.
 *
 * ts-jest turns `import()` into a `require` inside a promise, so a chunk that fails to load is a module
 * whose require throws (the jest.mock factories below, while `mockFail` says so). A chunk, once loaded,
 * stays for the file's tests: each test of the first describe is the first to use its chunk (tabs,
 * records, excel, in this order). The browser test (test/taskpane-browser.test.ts) fails a real
 * chunk request.
 */
import '@testing-library/jest-dom';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../src/taskpane/App';
import type { KpiHost, InsertResult } from '../src/office/host';
import { checkSupport } from '../src/office/requirements';
import { createOfficeHost } from '../src/office/host';
import { lazyOfficeHost } from '../src/taskpane/office-host';
import type { WorkbookSpec } from '../src/templates/model';
import { ALL_HOSTS, FakeWorkbook } from './helpers/fakeExcel';

const mockFail = { excel: false, tabs: false, records: false };
/** what webpack's ChunkLoadError says when a chunk's request fails */
const mockChunkError = (name: string) =>
  Object.assign(new Error(`Loading chunk ${name} failed.\n(error: ${name}.1a2b3c4d.js)`), { name: 'ChunkLoadError' });
jest.mock('../src/taskpane/excel', () => {
  if (mockFail.excel) throw mockChunkError('excel');
  return jest.requireActual('../src/taskpane/excel');
});
jest.mock('../src/taskpane/components/tabs', () => {
  if (mockFail.tabs) throw mockChunkError('tabs');
  return jest.requireActual('../src/taskpane/components/tabs');
});
jest.mock('../src/taskpane/inputs', () => {
  if (mockFail.records) throw mockChunkError('records');
  return jest.requireActual('../src/taskpane/inputs');
});

const ROSTER = 'employee_id,name,role,group\nE001,Ann,pre-sales,G1\nE002,Bob,售后,G1\nE003,Cy,售前,G2';
const NOW = new Date(2024, 2, 15);
const FAILED = {
  en: [
    'Part of the add-in did not load',
    'The code this step needs could not be downloaded.',
    'Check the network connection and try again',
  ],
  zh: ['加载项的一部分未能加载', '这一步所需的代码没有下载成功。', '请检查网络连接后重试'],
} as const;

function fakeHost() {
  return {
    displayLanguage: 'en-US',
    support: checkSupport(() => true),
    insert: jest.fn(async (spec: WorkbookSpec): Promise<InsertResult> => ({
      sheets: spec.sheets.map((s) => s.name),
      renamed: {},
      replaced: [],
      reused: [],
      namesAdded: [],
      namesKept: [],
      syncs: 2,
      cells: 100,
      skipped: [],
      spec,
    })),
    readRoster: jest.fn(async () => null),
    readSummary: jest.fn(async () => []),
    activate: jest.fn(async () => undefined),
    writeInputs: jest.fn(async () => ({ cells: 0, notInLayout: [] })),
    readRecords: jest.fn(async () => null),
    appendRecord: jest.fn(async () => ({ row: 4 })),
    setRecordStatus: jest.fn(async () => ({ moved: false })),
  };
}

function open(displayLanguage: string) {
  const host = fakeHost();
  render(<App host={{ ...host, displayLanguage } as KpiHost} now={NOW} />);
  return { host, user: userEvent.setup() };
}

/** The MessageBar says a chunk did not load, in this language, with what to do. */
function expectChunkFailure(lang: 'en' | 'zh') {
  const bar = screen.getByTestId('message-bar');
  expect(bar).toHaveAttribute('role', 'alert');
  expect(bar).toHaveTextContent(FAILED[lang][0]);
  expect(bar).toHaveTextContent(FAILED[lang][1]);
  expect(within(bar).getByTestId('message-action')).toHaveTextContent(FAILED[lang][2]);
}

beforeEach(() => {
  Object.assign(mockFail, { excel: false, tabs: false, records: false });
  // the pane logs every reported error (console.error): kept quiet; React warnings (act, keys) still fail
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (/Warning:|not wrapped in act/.test(text)) throw new Error(`React warning: ${text.slice(0, 300)}`);
  });
});
afterEach(() => jest.restoreAllMocks());
// async steps take longer on a loaded machine (CI)
configure({ asyncUtilTimeout: 15000 });

describe('on-demand chunks of the task pane', () => {
  test('zh: the Import tab shows a Spinner while its chunk loads; a chunk that does not load: the MessageBar in Chinese and “重试”, which loads it', async () => {
    const { user } = open('zh-CN');
    mockFail.tabs = true;
    // a click without the pointer over the button first (the hover would have fetched the chunk already)
    fireEvent.click(screen.getByTestId('tab-import'));
    expect(screen.getByTestId('loading')).toHaveTextContent('正在加载…');
    await waitFor(() => expectChunkFailure('zh'));
    const retry = screen.getByTestId('lazy-retry');
    expect(retry).toHaveTextContent('重试');
    expect(screen.queryByTestId('entries-paste')).toBeNull();
    mockFail.tabs = false;
    await user.click(retry);
    expect(await screen.findByTestId('entries-paste')).toBeInTheDocument();
    expect(screen.queryByTestId('loading')).toBeNull();
    // the chunk has both tabs: the Results tab shows at once
    fireEvent.click(screen.getByTestId('tab-results'));
    expect(screen.getByTestId('read-results')).toBeInTheDocument();
  });

  test('a roster pasted while its parser cannot load: a Spinner, then the failure; the next edit parses it', async () => {
    open('en-US');
    mockFail.records = true;
    // typed in without the focus or the pointer there first (they fetch the chunk beforehand)
    fireEvent.change(screen.getByTestId('roster-paste'), { target: { value: ROSTER } });
    expect(screen.getByTestId('roster-loading')).toHaveTextContent('Loading…');
    await waitFor(() => expectChunkFailure('en'));
    mockFail.records = false;
    fireEvent.change(screen.getByTestId('roster-paste'), { target: { value: `${ROSTER}\n` } });
    expect(await screen.findByText(/3 agents \(2 pre-sales, 1 after-sales\)/)).toBeInTheDocument();
    expect(screen.queryByTestId('roster-loading')).toBeNull();
  });

  test('inserting when the excel chunk does not load: the MessageBar says so (re-worded with the language); the next click loads it', async () => {
    const { user, host } = open('en-US');
    await user.click(screen.getByTestId('roster-paste'));
    await user.paste(ROSTER);
    expect(await screen.findByText(/3 agents \(2 pre-sales, 1 after-sales\)/)).toBeInTheDocument();
    mockFail.excel = true;
    await user.click(screen.getByTestId('insert-formA'));
    await waitFor(() => expectChunkFailure('en'));
    expect(host.insert).not.toHaveBeenCalled();
    await user.click(screen.getByTestId('message-details-toggle'));
    expect(screen.getByTestId('message-details')).toHaveTextContent(/chunk "excel": Loading chunk excel failed/);
    await user.click(screen.getByTestId('lang-switch'));
    expectChunkFailure('zh');
    await user.click(screen.getByTestId('lang-switch'));

    mockFail.excel = false;
    await waitFor(() => expect(screen.getByTestId('insert-formA')).toBeEnabled());
    await user.click(screen.getByTestId('insert-formA'));
    await waitFor(() => expect(screen.getByTestId('message-bar')).toHaveTextContent('Inserted:'));
    expect(host.insert).toHaveBeenCalledTimes(1);
  });
});

describe('the lazily loaded Office.js host (src/taskpane/office-host.ts)', () => {
  afterEach(() => delete (globalThis as { Office?: unknown }).Office);
  test.each(ALL_HOSTS.map((h) => [h.name, h] as const))(
    '%s: Office’s language and the requirement sets as createOfficeHost reads them',
    (_n, xl) => {
      const wb = new FakeWorkbook(undefined, xl);
      for (const displayLanguage of ['zh-CN', 'en-GB']) {
        (globalThis as { Office?: unknown }).Office = {
          context: { displayLanguage, platform: xl.platform, requirements: { isSetSupported: wb.isSetSupported } },
        };
        const lazy = lazyOfficeHost();
        const real = createOfficeHost(wb.run);
        expect(lazy.displayLanguage).toBe(displayLanguage);
        expect(lazy.displayLanguage).toBe(real.displayLanguage);
        expect(lazy.support).toEqual(real.support);
      }
    },
  );
});
