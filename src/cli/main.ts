/**
 * The command line `kpi-forms`:
 *
 *   kpi-forms new --month YYYY-MM --roster roster.csv [--entries entries.csv] [--calls log.csv|log.xlsx]
 *                 [--lang zh|en] [--formulas plain|kpi] [--force] --out file.xlsx
 *   kpi-forms score file.xlsx [--format table|json|csv]
 *   kpi-forms close | ledger | notice …   (the year: cli/ledger.ts)
 *   kpi-forms merge A.xlsx B.xlsx … --out DEPT.xlsx [--prefer FILE]   (the department: cli/merge.ts)
 *
 * Exit codes: 0 done; 1 an error (one line on stderr naming the file, the row or cell, and the rule;
 * no output file written); 2 `score` found result cells that differ from the rules (listed on stderr,
 * or in the JSON with --format json).
 *
 * Errors are worded in the user's language (LANG=zh_CN.UTF-8 → Chinese, otherwise English): every problem
 * the user can fix is a `Problem` (core/problem.ts) and printed as `kpi-forms: <its wording>`; anything else
 * is a fault of kpi-forms, said as such, its own text only with KPI_FORMS_DEBUG=1. commander's usual errors
 * (a missing option or argument, an invalid choice, an unknown option or command) too; `--help` is English.
 *
 * `new` with both --entries and --calls: for the same employee and code the entries value wins (the
 * supervisor's checked figure), and stderr says which values of the call log were replaced. Call-log
 * agents that are not in the roster are listed on stderr, never dropped silently.
 *
 * `new --formulas kpi` writes `=KPI.…` formulas (for a supervisor with the add-in, whose functions then
 * compute in Excel); the default `plain` works in any Excel. The rules sheet's KPI_MODE says which, and
 * `score` reads either. A workbook that would break one of Excel's documented limits (core/excel-limits.ts)
 * is never written.
 */
import * as fs from 'fs';
// commander is loaded by run() when the arguments are not a plain `score FILE [--format F]` (quickScore)
import type * as Commander from 'commander';
// the one error type and the CLI's own messages: small and pure, so loaded with --help too
import { Lang, Message, Params, Problem, internalFault, isProblem, langOfEnv } from '../core/problem';
import { CLI, COMMANDER, doing, shownValue, tableWord } from './messages';
// Only types are imported here: each command loads its modules with `await import()` when it runs, so that
// `--help` loads commander alone and `score` never loads ExcelJS (the compiled CLI initialises a module
// reached through import() only then; scripts/build-cli.mjs)
import type { AgentResult } from '../core/engine';
import type { Rules } from '../core/rules';
import type { importCalls } from '../io/calls';
import type { InputsById } from '../io/inputs';
import type { KpiRecord } from '../core/records';
import type { Agent } from '../templates/model';
import type { BuildOptions } from '../templates/workbook';
import type { Mismatch, ScoreReport } from '../xlsx/reader';

/** Where the CLI writes: process.stdout/stderr, or a test's collectors. */
export interface CliIO {
  /** text, or the bytes of a CSV in another encoding than UTF-8 (`score --format csv --encoding gb18030`) */
  stdout: { write(s: string | Uint8Array): unknown };
  stderr: { write(s: string): unknown };
}

/** Replaceable collaborators (tests stub the call-log import). */
export interface CliDeps {
  importCalls?: typeof importCalls;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

/** Writes a message of the CLI as a line, in the language of the environment (LANG). */
function say<P extends Params>(to: { write(s: string): unknown }, m: Message<P>, p: P): void {
  to.write(`${m[langOfEnv(process.env)](p)}\n`);
}

// ---------------- new ----------------

interface NewOptions {
  month: string;
  roster: string;
  entries?: string;
  calls?: string;
  lang: 'zh' | 'en';
  formulas: 'plain' | 'kpi';
  force?: boolean;
  out: string;
  quarter: 'calendar' | 'rolling';
  previous?: string[];
  /** the ledger: the quarter's earlier months from its closed months (D10), in place of `previous` */
  ledger?: string;
}

async function cmdNew(o: NewOptions, io: CliIO, deps: CliDeps): Promise<number> {
  const [
    { checkMonth, mergeInputs, parseEntryRecords, parseRoster },
    { DEFAULT_RULES },
    { buildWorkbook },
    { checkLimits, limitsViewOfSpec },
  ] = await Promise.all([import('../io/inputs'), import('../core/rules'), import('../templates/workbook'), import('../core/excel-limits')]);
  const { isSummedCode } = await import('../core/records');
  const { outputExists, writeWorkbookFile } = await import('../xlsx/writer');
  const month = checkMonth(o.month, '--month');
  const lang = langOfEnv(process.env);
  if (!/\.xlsx$/i.test(o.out)) throw new Problem(CLI.outNotXlsx, { out: o.out });
  if (fs.existsSync(o.out) && !o.force) throw outputExists(o.out);

  const agents = await parseRoster(o.roster);
  // the entries as records (D12): the summed codes' rows are records, the monthly figures typed values
  const fromEntries = o.entries ? parseEntryRecords(o.entries, agents, month) : { inputs: {}, records: [] };
  const entries: InputsById = fromEntries.inputs;
  const records: KpiRecord[] = [...fromEntries.records];
  let inputs = entries;
  if (o.calls) {
    const imp = await (deps.importCalls ?? (await import('../io/calls')).importCalls)(o.calls, { month, agents });
    for (const m of imp.messages) say(io.stderr, CLI.logReport, { file: o.calls, line: oneLine(m.in(lang)) });
    for (const u of imp.unknownAgents) {
      if (imp.messages.some((m) => m.params.name === u.name)) continue; // the import's own report named them
      say(io.stderr, CLI.logAgentUnknown, { file: o.calls, name: u.name, rows: u.rows, month, roster: o.roster });
    }
    const calls = await checkImported(imp.inputs, agents, o.calls);
    // the entries win for an id and code (as before records): the log's records of that code are left out
    const given = new Set(fromEntries.records.map((r) => `${r.id}\u0000${r.code}`));
    for (const [id, rec] of Object.entries(entries)) for (const code of Object.keys(rec)) given.add(`${id}\u0000${code}`);
    for (const r of imp.records ?? []) if (!given.has(`${r.id}\u0000${r.code}`)) records.push(r);
    for (const r of fromEntries.records) (entries[r.id] ??= {})[r.code] = ((entries[r.id][r.code] as number) ?? 0) + (r.count as number);
    const merged = mergeInputs(entries, calls, o.calls);
    for (const n of merged.notes) io.stderr.write(`${n.in(lang)}\n`);
    inputs = merged.inputs;
    // a log count that came without its records (an importer giving counts only) is a month-level record, never dropped
    const recorded = new Set(records.map((r) => `${r.id}\u0000${r.code}`));
    for (const [id, rec] of Object.entries(calls))
      for (const [code, v] of Object.entries(rec))
        if (isSummedCode(code) && !recorded.has(`${id}\u0000${code}`) && !given.has(`${id}\u0000${code}`))
          records.push({ date: '', id, code, count: v, evidence: '', by: '', status: '' });
  }

  const rules: Rules = { ...DEFAULT_RULES, quarterMode: o.quarter };
  const history = o.ledger
    ? await (
        await import('./ledger')
      ).quarterFromLedger(o.ledger, { month, mode: rules.quarterMode, agents, roster: o.roster, previous: o.previous }, io)
    : await previousMonths(o.previous ?? [], month, rules, io);
  // the summed codes' counts are the records' sums (the form's cell is a formula over them)
  const typed: InputsById = {};
  for (const [id, rec] of Object.entries(inputs))
    for (const [code, v] of Object.entries(rec)) if (!isSummedCode(code)) (typed[id] ??= {})[code] = v;
  const spec = buildWorkbook({ month, agents, lang: o.lang, mode: o.formulas, inputs: typed, rules, history, records });
  // Excel repairs a file over its limits and drops what broke them (a validation over 255 characters):
  // that would be a fault of kpi-forms, so nothing is written
  const over = checkLimits(limitsViewOfSpec(spec));
  if (over.length > 0)
    throw new Error(
      `${o.out}: not written: the workbook would break Excel's limits (a fault of kpi-forms; please report it): ${over[0].message}`,
    );
  await writeWorkbookFile(spec, o.out, { force: o.force });
  const pre = agents.filter((a) => a.role === 'pre-sales').length;
  // the values typed into the forms' cells, and the records (a count of a summed code is one, D12)
  const values = Object.values(typed).reduce((s, r) => s + Object.keys(r).length, 0);
  say(io.stdout, CLI.wrote, { out: o.out, month, agents: agents.length, pre, after: agents.length - pre, values, records: records.length });
  return 0;
}

/**
 * The other months of the quarter (D10) from earlier months' workbooks: each is scored by the engine and
 * gives every agent's rank, rank from the bottom and red lines for the quarter sheet. A workbook of a month
 * outside this quarter window, or two of the same month, is an error naming the file.
 */
async function previousMonths(files: string[], month: string, rules: Rules, io: CliIO): Promise<BuildOptions['history']> {
  const [{ quarterMonths }, { scoreWorkbookFile }] = await Promise.all([import('../templates/workbook'), import('../xlsx/reader')]);
  const window = quarterMonths(month, rules.quarterMode);
  const history: NonNullable<BuildOptions['history']> = {};
  const seen = new Map<string, string>();
  for (const f of files) {
    const report = await scoreWorkbookFile(f);
    const m = report.month;
    if (m === month || !window.includes(m) || window.indexOf(m) > window.indexOf(month)) {
      throw new Problem(CLI.previousOutside, { file: f, month: m, window });
    }
    if (seen.has(m)) throw new Problem(CLI.previousTwice, { file: f, month: m, first: seen.get(m)! });
    seen.set(m, f);
    for (const r of report.results) {
      const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
      (history[r.id] ??= {})[m] = { rank: num(r.rank), bottomRank: num(r.bottomRank), redLines: r.redLines };
    }
    say(io.stderr, CLI.previousTaken, { file: f, month: m, agents: report.results.length });
  }
  return history;
}

/** The call-log import's values checked with the entries' rules (an import bug must not reach a workbook). */
async function checkImported(inputs: Record<string, Record<string, number | string>>, agents: Agent[], file: string): Promise<InputsById> {
  const { checkValue } = await import('../io/records');
  const ids = new Set(agents.map((a) => a.id));
  const out: InputsById = {};
  for (const [id, rec] of Object.entries(inputs)) {
    if (!ids.has(id)) throw new Problem(CLI.importedUnknown, { file, id });
    for (const [code, v] of Object.entries(rec)) {
      const c = checkValue(code, typeof v === 'number' ? v : String(v), { file, imported: code, id }, true);
      if (c !== null) (out[id] ??= {})[code] = c;
    }
  }
  return out;
}

// ---------------- score ----------------

type Format = 'table' | 'json' | 'csv';
/** How `score --format csv` is encoded: UTF-8 with a BOM (default), or GB18030 without one. */
type Encoding = 'utf-8' | 'gb18030';

/** An agent's result as the JSON and CSV outputs give it. */
function resultJson(r: AgentResult) {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    group: r.group,
    items: r.items,
    total: r.total,
    rank: r.rank,
    bottomRank: r.bottomRank,
    bottom: r.bottom,
    redLines: r.redLines,
    pay: r.pay,
    quarter: r.quarter,
    award: r.award,
    flags: r.flags,
    // the messages in English, as documented (the CLI's stderr words them in LANG's language)
    errors: r.errors.map((e) => e.message),
    records: r.records,
    disputed: r.disputed,
  };
}

/** Columns a terminal gives a string: East Asian wide characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

const pad = (s: string, w: number, right = false) => {
  const fill = ' '.repeat(Math.max(0, w - displayWidth(s)));
  return right ? fill + s : s + fill;
};
const clean = (s: string) => s.replace(/[\r\n\t]+/g, ' ');
/** The score table, its words in `lang` (the data as they are: ids, names, numbers). */
function table(report: ScoreReport, INCOMPLETE: string, lang: Lang): string {
  const w = (word: string) => tableWord(lang, word);
  const fmtNum = (v: number | string, digits: number) =>
    typeof v === 'number' ? v.toFixed(digits) : v === INCOMPLETE ? w(INCOMPLETE) : String(v);
  const head = ['id', 'name', 'role', 'total', 'rank', 'pay', 'flags'].map(w);
  const rightAligned = [false, false, false, true, true, true, false];
  const key = (r: AgentResult) => (typeof r.rank === 'number' ? r.rank : 1e9);
  const order = (rs: AgentResult[]) => [...rs].sort((a, b) => key(a) - key(b));
  const rows = [
    ...order(report.results.filter((r) => r.role === 'pre-sales')),
    ...order(report.results.filter((r) => r.role === 'after-sales')),
  ].map((r) => [
    clean(r.id),
    clean(r.name),
    w(r.role),
    fmtNum(r.total, 2),
    r.rank === '' ? '-' : String(r.rank),
    fmtNum(r.pay, 2),
    r.flags.map(w).join(lang === 'zh' ? '、' : ','),
  ]);
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i]))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i], rightAligned[i]))
      .join('  ')
      .trimEnd();
  return [`${w('month')} ${report.month}`, line(head), line(widths.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n') + '\n';
}

/** A CSV field; text that a spreadsheet would run as a formula (= + - @) is prefixed with ' (CSV injection). */
function csvField(v: unknown, guard: boolean): string {
  let s = v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : String(v);
  if (guard && typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const ITEM_COLUMNS = ['A', 'B', 'EX', 'S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'SP1', 'SN1'];

function csv(report: ScoreReport): string {
  const head = [
    'month',
    'id',
    'name',
    'role',
    'group',
    ...ITEM_COLUMNS,
    'total',
    'rank',
    'bottom_rank',
    'last_two',
    'red_lines',
    'pay',
    'quarter',
    'award',
    'flags',
  ];
  const rows = report.results.map((r) =>
    [
      csvField(report.month, false),
      csvField(r.id, true),
      csvField(r.name, true),
      csvField(r.role, false),
      csvField(r.group, true),
      ...ITEM_COLUMNS.map((c) => csvField(r.items[c] ?? '', false)),
      csvField(r.total, false),
      csvField(r.rank, false),
      csvField(r.bottomRank, false),
      csvField(r.bottom ? 'TRUE' : 'FALSE', false),
      csvField(r.redLines, false),
      csvField(r.pay, false),
      csvField(r.quarter, false),
      csvField(r.award, false),
      csvField(r.flags.join(' '), false),
    ].join(','),
  );
  return [head.join(','), ...rows].join('\r\n') + '\r\n';
}

/** One line per mismatch: `file sheet!cell: stored X, expected Y (id key: why)`, in a language. */
export function mismatchLine(file: string, m: Mismatch, lang: Lang = 'en'): string {
  const { sheet, cell, id, key, why } = m;
  return CLI.mismatch[lang]({
    file,
    sheet,
    cell,
    stored: shownValue(m.stored, lang),
    expected: shownValue(m.expected, lang),
    id,
    key,
    why,
  });
}

/**
 * The CSV as a spreadsheet opens it right: Excel reads a CSV without a BOM in the system's ANSI code page (GBK
 * on a Chinese Windows), so Chinese names come out garbled; with the UTF-8 BOM it reads UTF-8. `gb18030` is
 * for programs that want the code page itself (no BOM: GB18030 has none).
 */
async function csvOutput(text: string, encoding: Encoding): Promise<string | Uint8Array> {
  if (encoding === 'utf-8') return `\uFEFF${text}`;
  const iconv = await import('iconv-lite');
  return new Uint8Array(iconv.encode(text, 'gb18030'));
}

async function cmdScore(file: string, format: Format, io: CliIO, encoding?: Encoding): Promise<number> {
  if (encoding !== undefined && format !== 'csv') throw new Problem(CLI.encodingNotCsv, { encoding, format });
  const [{ scoreWorkbookFile }, { INCOMPLETE }] = await Promise.all([import('../xlsx/reader'), import('../core/rules')]);
  let report: ScoreReport;
  try {
    report = await scoreWorkbookFile(file);
  } catch (e) {
    // the file's problems are Problems naming it; anything else is a fault of kpi-forms, and a user gets no
    // JavaScript internals ("Cannot read properties of undefined …") for it — the details with KPI_FORMS_DEBUG=1
    if (isProblem(e) || !(e instanceof Error)) throw e;
    if (process.env.KPI_FORMS_DEBUG) io.stderr.write(`${e.stack ?? e.message}\n`);
    throw new Problem(CLI.scoreFault, { file });
  }
  const lang = langOfEnv(process.env);
  if (format === 'json') {
    io.stdout.write(
      JSON.stringify(
        {
          month: report.month,
          results: report.results.map(resultJson),
          mismatches: report.mismatches.map(({ sheet, cell, stored, expected, what }) => ({ sheet, cell, stored, expected, what })),
          cached: report.cached,
          recordProblems: report.recordProblems,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    io.stdout.write(format === 'csv' ? await csvOutput(csv(report), encoding ?? 'utf-8') : table(report, INCOMPLETE, lang));
  }
  if (!report.cached) say(io.stderr, CLI.noCachedResults, { file });
  for (const r of report.results) for (const e of r.errors) say(io.stderr, CLI.agentError, { file, id: r.id, error: e.in(lang) });
  // a record that breaks a rule is counted nowhere (D12), and named here, never passed over in silence
  for (const p of report.recordProblems) say(io.stderr, CLI.recordProblem, { file, ...p });
  if (report.recordProblems.length > 0) say(io.stderr, CLI.recordProblems, { file, n: report.recordProblems.length });
  if (report.mismatches.length > 0) {
    if (format !== 'json') for (const m of report.mismatches) io.stderr.write(`${mismatchLine(file, m, lang)}\n`);
    say(io.stderr, CLI.mismatches, { file, n: report.mismatches.length });
    return 2;
  }
  return report.recordProblems.length > 0 ? 2 : 0;
}

// ---------------- records ----------------

/** `kpi-forms records FILE [--id ID] [--format F]`: the records sheet's rows as checked and counted by the engine. */
async function cmdRecords(file: string, o: { id?: string; format: Format }, io: CliIO): Promise<number> {
  const [{ scoreWorkbookFile }, { RECORDS_FIRST_ROW }, { checkRecords }] = await Promise.all([
    import('../xlsx/reader'),
    import('../templates/sheets/records'),
    import('../core/records'),
  ]);
  const report = await scoreWorkbookFile(file);
  const agents = report.results.map((r) => ({ id: r.id, name: r.name, role: r.role, group: r.group }));
  const want = o.id?.trim().toUpperCase();
  if (want !== undefined && !agents.some((a) => a.id.toUpperCase() === want)) throw new Problem(CLI.recordsUnknownId, { file, id: o.id! });
  const rows = checkRecords(report.records, report.month, agents)
    .filter((c) => want === undefined || c.record.id.toUpperCase() === want)
    .map((c) => ({
      row: RECORDS_FIRST_ROW + c.index,
      date: c.record.date,
      id: c.agent?.id ?? c.record.id,
      name: c.agent?.name ?? '',
      code: c.record.code,
      count: c.record.count,
      evidence: c.record.evidence,
      recordedBy: c.record.by,
      status: c.record.status.startsWith('?') ? c.record.status.slice(1) : c.record.status,
      counted: c.counted,
      fault: c.fault ?? '',
    }));
  if (o.format === 'json') io.stdout.write(JSON.stringify({ month: report.month, records: rows }, null, 2) + '\n');
  else {
    const head = ['row', 'date', 'id', 'name', 'code', 'count', 'evidence', 'recordedBy', 'status', 'counted', 'fault'] as const;
    const cells = rows.map((r) => head.map((k) => (r[k] === null ? '' : String(r[k]))));
    if (o.format === 'csv')
      io.stdout.write(
        [head.join(','), ...cells.map((c, i) => c.map((v, j) => csvField(v, j >= 2 && j !== 5 && j !== 9 && i >= 0)).join(','))].join(
          '\r\n',
        ) + '\r\n',
      );
    else {
      const widths = head.map((h, j) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(clean(c[j])))));
      const line = (c: readonly string[]) =>
        c
          .map((v, j) => pad(clean(v), widths[j]))
          .join('  ')
          .trimEnd();
      io.stdout.write([`month ${report.month}`, line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n');
    }
  }
  return 0;
}

// ---------------- program ----------------

/**
 * Runs the CLI in-process.
 * @param argv the arguments after the program name, e.g. `['score', 'a.xlsx', '--format', 'json']`
 * @param io where to write (default: the process's stdout and stderr)
 * @param deps collaborators to replace in tests (`importCalls`)
 * @returns the exit code: 0 ok, 1 error (one line on stderr, no file written), 2 mismatches found by `score`
 */
export async function run(argv: string[], io: CliIO = process, deps: CliDeps = {}): Promise<number> {
  const quick = quickScore(argv);
  if (quick) {
    try {
      return await cmdScore(quick.file, quick.format, io);
    } catch (e) {
      return failed(e, io, 'score');
    }
  }
  const { Command, CommanderError, Option }: typeof Commander = await import('commander');
  let code = 0;
  let command: string | undefined;
  const program = new Command('kpi-forms');
  program
    .description('Build and score the monthly customer-service evaluation workbooks (.xlsx)')
    .exitOverride()
    // commander's errors are worded when it gives up (commanderFailed: in LANG's language), not as it finds them
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: () => undefined });

  program
    .command('new')
    .description('write a new evaluation workbook for a month')
    .requiredOption('--month <YYYY-MM>', '(required) the month evaluated')
    .requiredOption('--roster <file>', '(required) roster: CSV (employee_id,name,role,group) or .xlsx')
    .option('--entries <file>', 'supervisor entries: CSV (employee_id,code,value)')
    .option('--calls <file>', 'call-centre log (CSV or .xlsx): A01, S01, S02 inputs')
    .addOption(new Option('--lang <lang>', 'language of the workbook').choices(['zh', 'en']).default('zh'))
    .addOption(
      new Option(
        '--formulas <mode>',
        'plain Excel formulas (any Excel) or =KPI.… (needs the KPI Forms add-in); KPI_MODE on the rules sheet',
      )
        .choices(['plain', 'kpi'])
        .default('plain'),
    )
    .option('--previous <files...>', "earlier months' workbooks of the quarter: their ranks fill the quarter sheet (D10)")
    .option('--ledger <file>', "the ledger (kpi-forms close): the quarter's earlier closed months fill the quarter sheet (D10)")
    .addOption(
      new Option('--quarter <mode>', '"three months in a row": the calendar quarter or a rolling window (D10)')
        .choices(['calendar', 'rolling'])
        .default('calendar'),
    )
    .requiredOption('--out <file>', '(required) the .xlsx to write')
    .option('--force', 'replace the output file if it exists')
    .exitOverride()
    .action(async (opts: NewOptions) => {
      command = 'new';
      code = await cmdNew(opts, io, deps);
    });

  program
    .command('score')
    .description('score a filled workbook and check its stored results')
    .argument('<file>', 'the .xlsx workbook')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .addOption(
      new Option('--encoding <encoding>', 'of --format csv: UTF-8 with a BOM (what Excel needs to read UTF-8), or GB18030').choices([
        'utf-8',
        'gb18030',
      ]),
    )
    .exitOverride()
    .action(async (file: string, opts: { format: Format; encoding?: Encoding }) => {
      command = 'score';
      code = await cmdScore(file, opts.format, io, opts.encoding);
    });

  program
    .command('records')
    .description("list a workbook's records (D12), or one agent's: status, what each adds to the form, the rule a row breaks")
    .argument('<file>', 'the .xlsx workbook')
    .option('--id <id>', "only this agent's records")
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .exitOverride()
    .action(async (file: string, opts: { id?: string; format: Format }) => {
      command = 'records';
      code = await cmdRecords(file, opts, io);
    });

  // close, ledger, notice: the year's commands (cli/ledger.ts, forms.md D13–D15)
  (await import('./ledger')).registerLedgerCommands(program, Option, io, {
    begin: (name) => (command = name),
    done: (exit) => (code = exit),
  });

  // merge: the department's month from several workbooks (cli/merge.ts, forms.md D16)
  (await import('./merge')).registerMergeCommand(program, Option, io, {
    begin: (name) => (command = name),
    done: (exit) => (code = exit),
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // the help or version (or the help for no command) is printed already; an error is worded here
      if (e.exitCode === 0 || e.code === 'commander.help') return e.exitCode === 0 ? 0 : 1;
      commanderFailed(e, argv, program, CommanderError, io);
      return 1;
    }
    return failed(e, io, command);
  }
}

/**
 * The arguments of `score FILE [--format table|json|csv]` as commander would parse them, or null for anything
 * else (other commands, options or values, --help, mistakes: commander parses and words those). `score` is run
 * most, and loading commander (and the child_process it needs) is a tenth of a whole `score`.
 */
export function quickScore(argv: readonly string[]): { file: string; format: Format } | null {
  if (argv[0] !== 'score') return null;
  let file: string | undefined;
  let format: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format' && format === undefined && i + 1 < argv.length) format = argv[++i];
    else if (a.startsWith('--format=') && format === undefined) format = a.slice('--format='.length);
    else if (a !== '' && !a.startsWith('-') && file === undefined) file = a;
    else return null;
  }
  if (file === undefined || (format !== undefined && format !== 'table' && format !== 'json' && format !== 'csv')) return null;
  return { file, format: (format ?? 'table') as Format };
}

/**
 * commander's error in the user's language, and where the usage is. A mistyped option (`new --months 2015-02`) is
 * said as the unknown option it is: commander checks the required options first, and would say "--month not specified".
 */
function commanderFailed(
  e: Commander.CommanderError,
  argv: readonly string[],
  program: Commander.Command,
  CommanderError: typeof Commander.CommanderError,
  io: CliIO,
): void {
  let err = e;
  if (e.code === 'commander.missingMandatoryOptionValue') {
    const sub = program.commands.find((c) => c.name() === argv[0]);
    const flag = sub?.parseOptions(argv.slice(1)).unknown.find((a) => /^-./.test(a));
    if (sub && flag) {
      try {
        // commander's own wording of it, with its "Did you mean …" (not in its typings)
        (sub as unknown as { unknownOption(flag: string): void }).unknownOption(flag);
      } catch (u) {
        if (u instanceof CommanderError) err = u;
      }
    }
  }
  const lang = langOfEnv(process.env);
  io.stderr.write(`${commanderWords(err, lang)}
${COMMANDER.helpHint[lang]()}
`);
}

/** commander's message in a language: its parameters read from its English text (as it is when it cannot be read). */
export function commanderWords(e: { code: string; message: string }, lang: Lang): string {
  const text = e.message.replace(/^error: /, '');
  const m = (re: RegExp) => re.exec(text);
  const said = <P extends Params>(msg: Message<P>, p: P | null) => (p ? msg[lang](p) : e.message);
  const meant = (s: string | undefined) => s?.replace(/^\s*\(Did you mean (?:one of )?(.+)\?\)$/, '$1') || undefined;
  let r: RegExpExecArray | null;
  switch (e.code) {
    case 'commander.missingMandatoryOptionValue':
      return said(COMMANDER.missingMandatoryOptionValue, (r = m(/^required option '(.+)' not specified$/)) && { option: r[1] });
    case 'commander.invalidArgument':
      return said(
        COMMANDER.invalidArgument,
        (r = m(/^option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/)) && {
          option: r[1],
          value: r[2],
          choices: r[3].split(', '),
        },
      );
    case 'commander.unknownOption':
      return said(
        COMMANDER.unknownOption,
        (r = m(/^unknown option '(.+?)'(\s*\(Did you mean .+\?\))?$/s)) && { option: r[1], suggestion: meant(r[2]) },
      );
    case 'commander.missingArgument':
      return said(COMMANDER.missingArgument, (r = m(/^missing required argument '(.+)'$/)) && { argument: r[1] });
    case 'commander.optionMissingArgument':
      return said(COMMANDER.optionMissingArgument, (r = m(/^option '(.+)' argument missing$/)) && { option: r[1] });
    case 'commander.unknownCommand':
      return said(
        COMMANDER.unknownCommand,
        (r = m(/^unknown command '(.+?)'(\s*\(Did you mean .+\?\))?$/s)) && { command: r[1], suggestion: meant(r[2]) },
      );
    case 'commander.excessArguments':
      return said(
        COMMANDER.excessArguments,
        (r = m(/^too many arguments for '(.+)'\. Expected (\d+) arguments? but got (\d+)\.$/)) && {
          command: r[1],
          expected: Number(r[2]),
          got: Number(r[3]),
        },
      );
    default:
      return e.message;
  }
}

/** A failed command: its problem worded in the user's language, or a fault of kpi-forms said as such. Exit code 1. */
function failed(e: unknown, io: CliIO, command: string | undefined): number {
  const lang = langOfEnv(process.env);
  const debug = !!process.env.KPI_FORMS_DEBUG;
  if (isProblem(e)) {
    // a problem names the file (the row, the cell, the option) and the rule
    io.stderr.write(`kpi-forms: ${oneLine(e.in(lang))}\n`);
    // every problem of the file, one per line, so one run shows all that needs fixing
    if (e.all.length > 1) for (const issue of e.listed(lang)) io.stderr.write(`  - ${oneLine(issue)}\n`);
    if (debug && e.details) io.stderr.write(`${e.details}\n`);
  } else {
    // a fault of kpi-forms: said as such; its text (a library's internals) is for KPI_FORMS_DEBUG only
    io.stderr.write(`kpi-forms: ${internalFault(lang, doing(lang, command))}\n`);
    if (debug) io.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  return 1;
}
