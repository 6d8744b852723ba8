/**
 * The task pane's call-centre log import, loaded on demand: chunks.ts imports this module dynamically
 * (chunk "calls") when the user picks a log, so it and io/calls-core.ts make their own chunk
 * (`calls.[hash].js`, fetched from where the pane's script came from) instead of growing the pane's
 * initial bundle. What it shares with the roster reading (inputs.ts, io/records.ts, csv-parse) is chunk
 * "records", fetched with it when not there yet; core/rules is in the initial bundle (the custom functions).
 *
 * The file's bytes: an .xlsx (zip) is read with xlsx-lite (its own on-demand chunk "xlsx", shared with
 * the roster upload; first worksheet, dates as serial numbers: preset PRESET_RAW_2015Q1); anything else is CSV text, UTF-8 (with or without BOM) when valid, else
 * GB18030, as the CLI reads it (io/calls.ts). The rules of the import are calls-core's, unchanged;
 * the inputs are written as entries are (`host.writeInputs`, one Excel.run): A01 as the import's records (one per
 * unanswered call, its id and time as evidence), S01/S02 typed on the form. The wording of the outcome
 * is here too (`WORDS`), in the pane's two languages, to keep it out of the initial bundle.
 */
import { CallImport, PRESET_RAW_2015Q1, Raw, Table, detectPreset, importCallsTable, parseCsvTable } from '../io/calls-core';
import type { Agent, AgentLayout } from '../templates/model';
import type { KpiHost } from '../office/host';
import { Problem } from '../core/problem';
import { isSummedCode } from '../core/records';
import { INPUT } from '../io/messages';
import { fileFormat } from '../io/sniff';
import { blobBytes, canReadXlsx, decodeCsvBytes } from './inputs';
import { M } from './messages';
import type { Strings, UiLang } from './strings';

interface Words {
  wrote: (file: string, cells: number, records: number) => string;
  nothing: (file: string, month: string) => string;
  unknown: (agents: Array<{ name: string; rows: number }>) => string;
  partial: string;
}

/** What the pane says about a call-log import, in its two languages. */
export const WORDS: Record<UiLang, Words> = {
  zh: {
    wrote: (file, cells, records) =>
      `已从“${file}”写入 ${records} 条考核记录(A01,每通未接来电一条,附通话编号)和 ${cells} 个录入单元格(S01、S02),明细见下方。`,
    nothing: (file, month) => `“${file}”中没有可导入 ${month} 的内容,明细见下方。`,
    unknown: (agents) =>
      `日志中以下专员不在花名册中,其来电未导入:${agents.map((a) => `“${a.name}”(${a.rows} 通)`).join('、')}。请把他们加入花名册(或更正日志中的姓名)后重新导入。`,
    partial: '日志有部分内容未导入',
  },
  en: {
    wrote: (file, cells, records) =>
      `Imported "${file}": wrote ${records} records (A01, one per unanswered call, the call as evidence) and ${cells} input cells (S01, S02); the report is below.`,
    nothing: (file, month) => `Nothing of ${month} to import from "${file}"; the report is below.`,
    unknown: (agents) =>
      `Log agents not in the roster, their calls not imported: ${agents
        .map((a) => `"${a.name}" (${a.rows} call${a.rows === 1 ? '' : 's'})`)
        .join(', ')}. Add them to the roster (or correct the name in the log) and import again.`,
    partial: 'Part of the log was not imported',
  },
};

/**
 * A problem of reading a log, with the call log's action (`Strings.act.callLog`: the header the log
 * needs): the same code, parameters and wording, whichever layer found it (io's CSV reading, calls-core).
 */
function asLogProblem(e: unknown): unknown {
  if (!(e instanceof Problem) || e.act === 'callLog') return e;
  return new Problem({ ...e.text, act: 'callLog' }, e.params, { more: e.all.slice(1), details: e.details, cause: e });
}

/** The first worksheet of an .xlsx as a table: the header is its first non-empty row; row numbers are the sheet's. */
async function xlsxTable(name: string, bytes: Uint8Array): Promise<Table> {
  if (!canReadXlsx()) throw new Problem(M.logXlsxNotInPane, { file: name });
  const { readXlsxSheet, unreadableXlsx } = await import(/* webpackChunkName: "xlsx" */ './xlsx-lite');
  let sheet;
  try {
    sheet = await readXlsxSheet(bytes, []);
  } catch (e) {
    throw unreadableXlsx(name, e);
  }
  const rows = sheet.values
    .map((cells, i) => ({ rowNo: sheet.row + i, cells: cells as Raw[] }))
    .filter((r) => r.cells.some((c) => c !== '' && c !== null && c !== undefined));
  if (rows.length === 0) throw new Problem(INPUT.emptyLogSheet, { file: name, sheet: sheet.sheet });
  return {
    source: { srcKind: 'xlsx', sheet: sheet.sheet },
    headers: rows[0].cells.map((h) => String(h ?? '').trim()),
    rows: rows.slice(1),
  };
}

/**
 * Reads a picked file as a table: .xlsx (zip bytes) or CSV (UTF-8, else GB18030); any other file is
 * refused as the CLI refuses it (io/sniff.ts).
 */
export async function readCallTable(file: Blob & { name?: string }): Promise<Table> {
  const name = file.name ?? 'file';
  const bytes = new Uint8Array(await blobBytes(file));
  const f = fileFormat(name, bytes, 'csv-or-xlsx');
  if ('refused' in f) throw f.refused;
  if (f.format === 'xlsx') return xlsxTable(name, bytes);
  const { text, encoding } = decodeCsvBytes(bytes, name);
  return parseCsvTable(name, text, encoding);
}

/**
 * Imports a call-centre log the user picked into A01 (pre-sales) and S01/S02 (after-sales) inputs of
 * the month for the roster. A header that fits no preset is reported by the columns it lacks (those of
 * the raw log's preset, which the cleaned log's adds Time to).
 * @throws Problem, with the call log's action, when the file cannot be read or lacks columns (the message
 *   names the file and the columns)
 */
export async function importCallLog(file: Blob & { name?: string }, opts: { month: string; agents: Agent[] }): Promise<CallImport> {
  const name = file.name ?? 'file';
  try {
    const table = await readCallTable(file);
    // no preset fits the header: the raw log's preset (the cleaned log's adds Time) names the missing columns
    const mapping = detectPreset(table.headers) ? undefined : PRESET_RAW_2015Q1;
    return importCallsTable(name, table, { ...opts, mapping });
  } catch (e) {
    throw asLogProblem(e);
  }
}

/** The outcome of `importCallLogIntoForms`: the import's report, and the pane's message about it. */
export interface CallLogOutcome {
  /** calls-core's report: what was read, imported per agent, skipped (row numbers), in the pane's language */
  report: (S: Strings) => string[];
  intent: 'success' | 'warning';
  text: (S: Strings) => string;
  title?: (S: Strings) => string;
}

/**
 * The pane's call-log import: reads the file, imports the month for the agents of the forms' layout,
 * writes A01 as records and S01/S02 into their cells (`host.writeInputs`: one Excel.run, as entries) and words the
 * outcome. Log agents not in the roster, or nothing to write, make it a warning.
 * @param writing called before the write
 * @throws Problem when the file cannot be read or lacks columns (what to do: `Strings.act.callLog`)
 */
export async function importCallLogIntoForms(
  file: File,
  month: string,
  layout: AgentLayout[],
  host: Pick<KpiHost, 'writeInputs'>,
  writing: () => void,
): Promise<CallLogOutcome> {
  const r = await importCallLog(file, { month, agents: layout.map((l) => l.agent) });
  // D12: A01 is the sum of the records, one per unanswered call with the call as evidence; S01/S02 are typed
  // on the form (their records are evidence only, and would fill the records sheet's room with ~200 rows an agent)
  const records = (r.records ?? []).filter((x) => isSummedCode(x.code));
  const inputs: typeof r.inputs = {};
  for (const [id, rec] of Object.entries(r.inputs))
    for (const [code, v] of Object.entries(rec)) if (!isSummedCode(code) || !records.length) (inputs[id] ??= {})[code] = v;
  let w = { cells: 0, records: 0, notInLayout: [] as string[] };
  if (Object.keys(inputs).length || records.length) {
    writing();
    const done = await host.writeInputs(layout, inputs, records);
    w = { ...done, records: done.records ?? 0 };
  }
  const warn = r.unknownAgents.length > 0 || w.cells + w.records === 0 || w.notInLayout.length > 0;
  return {
    report: (T) => r.messages.map((m) => m.in(T.lang)),
    intent: warn ? 'warning' : 'success',
    text: (T) => {
      const W = WORDS[T.lang];
      return [
        w.cells + w.records ? W.wrote(file.name, w.cells, w.records) : W.nothing(file.name, month),
        r.unknownAgents.length ? W.unknown(r.unknownAgents) : '',
        w.notInLayout.length ? T.notInLayout(w.notInLayout.join(', ')) : '',
      ]
        .filter(Boolean)
        .join('\n');
    },
    title: warn ? (T) => WORDS[T.lang].partial : undefined,
  };
}
