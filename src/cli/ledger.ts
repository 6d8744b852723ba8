/**
 * The year's commands (forms.md D13–D15):
 *
 *   kpi-forms close MONTH.xlsx --ledger LEDGER.xlsx [--notice YYYY-MM-DD] [--reopen --reason "…"] [--lang zh|en]
 *   kpi-forms ledger LEDGER.xlsx [--format table|json|csv] [--year YYYY] [--verify MONTH.xlsx]
 *   kpi-forms notice LEDGER.xlsx --month YYYY-MM --out notice.xlsx [--lang zh|en] [--pdf] [--force]
 *
 * `close` freezes a month's results into the ledger (created when missing): refused (exit 1, the ledger left as
 * it was, byte for byte) when a result is incomplete, a record is still disputed or breaks a rule, a stored result
 * differs from the recomputation, the month is already closed (unless `--reopen --reason`, kept in the ledger's
 * log), the file is not a month's workbook, its roster is another department's, or the ledger is not one, is open
 * in Excel/WPS or read-only. The ledger is written whole to a temporary file and renamed into place.
 * `ledger --verify` exits 2 listing what changed in a closed month's workbook since it was closed.
 * Heavy modules are loaded when a command runs (as main.ts does).
 */
import type * as Commander from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import { Message, Params, Problem, langOfEnv } from '../core/problem';
import type { AgentResult } from '../core/engine';
import type { Ledger, LedgerRow } from '../core/ledger';
import type { ScoreReport } from '../xlsx/reader';
import { LEDGER } from '../xlsx/ledger-messages';
import { CLI } from './messages';

interface IO {
  stdout: { write(s: string | Uint8Array): unknown };
  stderr: { write(s: string): unknown };
}

function say<P extends Params>(to: { write(s: string): unknown }, m: Message<P>, p: P): void {
  to.write(`${m[langOfEnv(process.env)](p)}\n`);
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** Today in the local calendar, YYYY-MM-DD (the day a supervisor closes the month). */
const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
};
const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/**
 * The ledger `ledger` or `notice` reads: a month's workbook or any other file worded for the command (the ledger's own
 * wording speaks of close's --ledger and of a new file name, which neither has).
 */
async function readLedgerArg(file: string, command: 'ledger' | 'notice') {
  const { readLedgerFile } = await import('../xlsx/ledger');
  try {
    return await readLedgerFile(file);
  } catch (e) {
    if (e instanceof Problem && (e.code === 'ledger.notLedger' || e.code === 'ledger.ledgerIsMonth'))
      throw new Problem(LEDGER.argNotLedger, { file, command, month: e.code === 'ledger.ledgerIsMonth' }, { cause: e });
    throw e;
  }
}

/** A month workbook's results as ledger rows (no quarter yet). */
async function monthRows(report: ScoreReport, notice: string): Promise<LedgerRow[]> {
  const { inputsText, monthFingerprint, rowsOfMonth } = await import('../core/ledger');
  // the one fingerprint of core/ledger.ts, over what the file holds: the pane's close gives the same month the same one
  const fingerprint = await monthFingerprint({
    month: report.month,
    rules: report.rules,
    roster: report.results,
    inputs: report.inputs,
    records: report.records,
  });
  return rowsOfMonth(report.month, report.results, {
    notice,
    fingerprint,
    inputs: (r: AgentResult) => inputsText(report.inputs[r.id], r.counts),
  });
}

/** Reads and scores a month's workbook, refusing a ledger given in its place. */
async function readMonth(file: string): Promise<ScoreReport> {
  const [{ readWorkbookFile, isLedgerWorkbook }, { scoreWorkbook }] = await Promise.all([
    import('../xlsx/ledger'),
    import('../xlsx/reader'),
  ]);
  const wb = await readWorkbookFile(file);
  if (isLedgerWorkbook(wb)) throw new Problem(LEDGER.monthIsLedger, { file });
  return scoreWorkbook(wb, file);
}

/**
 * The ledger's rows with a month's rows added, in month order (a month's rows as given). The ledger's rows are in
 * month order as close writes them: the month's rows go in after the months before it, with one look at each row
 * (sorting 6,000 rows called a comparison function some 10,000 times); rows in another order are sorted.
 */
function inMonthOrder(others: LedgerRow[], rows: LedgerRow[], month: string): LedgerRow[] {
  let at = others.length;
  for (let i = 0; i < others.length; i++) {
    if (i > 0 && others[i].month < others[i - 1].month)
      return [...others, ...rows].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
    if (at === others.length && others[i].month > month) at = i;
  }
  return [...others.slice(0, at), ...rows, ...others.slice(at)];
}

interface CloseOptions {
  ledger: string;
  notice?: string;
  reopen?: boolean;
  reason?: string;
  lang?: 'zh' | 'en';
}

export async function cmdClose(file: string, o: CloseOptions, io: IO): Promise<number> {
  if (o.reason !== undefined && !o.reopen) throw new Problem(LEDGER.reasonWithoutReopen, {});
  if (o.reopen && !o.reason?.trim()) throw new Problem(LEDGER.reasonMissing, {});
  if (o.notice !== undefined && !isDay(o.notice)) throw new Problem(LEDGER.badDay, { option: '--notice', value: o.notice });
  if (!/\.xlsx$/i.test(o.ledger)) throw new Problem(CLI.outNotXlsx, { out: o.ledger });
  // the ledger written directly as SpreadsheetML, its rows straight from the ledger (xlsx/ledger-write.ts): ExcelJS's object
  // model, then a CellSpec per cell, were most of a close at 500 × 12
  const [core, { checkWritable, readLedgerFile }, { writeLedgerFile }, { parseStatus }] = await Promise.all([
    import('../core/ledger'),
    import('../xlsx/ledger'),
    import('../xlsx/ledger-write'),
    import('../core/records'),
  ]);
  checkWritable(o.ledger);
  const existing = fs.existsSync(o.ledger) ? await readLedgerFile(o.ledger) : null;
  const report = await readMonth(file);
  const month = report.month;

  // D13: nothing incomplete, no record disputed or breaking a rule, stored results as recomputed
  const open = report.results.filter((r) => typeof r.total !== 'number');
  if (open.length > 0) throw new Problem(LEDGER.incomplete, { file, month, n: open.length, ids: open.map((r) => r.id) });
  const disputed = report.records.filter((r) => parseStatus(r.status) === 'disputed');
  if (disputed.length > 0)
    throw new Problem(LEDGER.disputed, { file, month, n: disputed.length, ids: [...new Set(disputed.map((r) => r.id))] });
  if (report.recordProblems.length > 0) throw new Problem(LEDGER.recordFaults, { file, month, n: report.recordProblems.length });
  if (report.mismatches.length > 0) throw new Problem(LEDGER.mismatches, { file, month, n: report.mismatches.length });

  const ledger: Ledger = existing?.ledger ?? core.emptyLedger();
  const closedBefore = ledger.rows.some((r) => r.month === month);
  if (closedBefore && !o.reopen) {
    const on = [...ledger.closes].reverse().find((c) => c.month === month && c.status === 'closed')?.closedOn ?? '';
    throw new Problem(LEDGER.alreadyClosed, { file, month, ledger: o.ledger, on });
  }
  if (!closedBefore && o.reopen) throw new Problem(LEDGER.notClosed, { ledger: o.ledger, month, months: core.ledgerMonths(ledger.rows) });
  const others = ledger.rows.filter((r) => r.month !== month);
  const other = core.otherRoster(others, report.results);
  if (other) throw new Problem(LEDGER.otherRoster, { file, ledger: o.ledger, ...other });

  const day = today();
  const notice = o.notice ?? day;
  const rows = await monthRows(report, notice);
  const all = inMonthOrder(others, rows, month);
  const next: Ledger = {
    ...ledger,
    rows: core.withQuarters(all, report.rules.quarterAward),
    closes: [
      ...ledger.closes.map((c) =>
        o.reopen && c.month === month && c.status === 'closed'
          ? { ...c, status: 'reopened' as const, reopenedOn: day, reason: o.reason!.trim() }
          : c,
      ),
      {
        month,
        status: 'closed',
        closedOn: day,
        notice,
        agents: rows.length,
        fingerprint: rows[0]?.fingerprint ?? '',
        source: path.basename(file),
        reopenedOn: '',
        reason: '',
      },
    ],
  };
  const lang = existing?.lang ?? o.lang ?? report.lang;
  writeLedgerFile(next, lang, o.ledger);

  // the month's own quarter sheet may say otherwise (ranks typed in, or none): the ledger's months decide (D10)
  const byId = new Map(next.rows.filter((r) => r.month === month).map((r) => [r.id, r]));
  for (const r of report.results) {
    const got = byId.get(r.id)?.quarter ?? '';
    if (r.quarter !== got && (r.quarter === 'award' || r.quarter === 'transfer' || got !== ''))
      say(io.stderr, LEDGER.quarterDiffers, { file, month, id: r.id, sheet: r.quarter, ledger: got });
  }
  if (!existing) say(io.stderr, LEDGER.created, { ledger: o.ledger });
  if (o.reopen) say(io.stdout, LEDGER.reopened, { ledger: o.ledger, month, reason: o.reason!.trim() });
  const plans = rows.filter((r) => r.bottom).length;
  say(io.stdout, LEDGER.closed, {
    file,
    month,
    ledger: o.ledger,
    agents: rows.length,
    plans,
    notice,
    due: core.addDays(notice, ledger.planDays),
  });
  return 0;
}

type Format = 'table' | 'json' | 'csv';

/** `ledger --format json`: the shape issue 10 gives. */
export async function ledgerJson(ledger: Ledger, year?: number) {
  const { annualOf, latestYear, ledgerMonths, plansOf, quartersOf } = await import('../core/ledger');
  const y = year ?? latestYear(ledger.rows);
  return {
    months: ledgerMonths(ledger.rows),
    records: ledger.rows.map((r) => ({
      month: r.month,
      id: r.id,
      name: r.name,
      role: r.role,
      group: r.group,
      items: r.items,
      total: r.total,
      rank: r.rank,
      bottomRank: r.bottomRank,
      pay: r.pay,
      flags: r.flags,
    })),
    quarters: quartersOf(ledger.rows),
    annual: y === null ? [] : annualOf(ledger.rows, y),
    plans: plansOf(ledger).map((p) => ({ month: p.month, id: p.id, notice: p.notice, due: p.due, submitted: p.submitted })),
  };
}

function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function cmdLedger(file: string, o: { format: Format; year?: string; verify?: string }, io: IO): Promise<number> {
  const core = await import('../core/ledger');
  let year: number | undefined;
  if (o.year !== undefined) {
    if (!/^\d{4}$/.test(o.year)) throw new Problem(LEDGER.badYear, { value: o.year });
    year = Number(o.year);
  }
  const { ledger } = await readLedgerArg(file, 'ledger');
  if (o.verify) return verify(file, ledger, o.verify, io);
  const out = await ledgerJson(ledger, year);
  if (o.format === 'json') {
    io.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  if (o.format === 'csv') {
    const head = [
      'month',
      'id',
      'name',
      'role',
      'group',
      ...core.LEDGER_ITEMS,
      'total',
      'rank',
      'bottom_rank',
      'last_two',
      'red_lines',
      'pay',
      'quarter',
      'award',
      'flags',
      'notice',
      'fingerprint',
    ];
    const lines = ledger.rows.map((r) =>
      [
        r.month,
        r.id,
        r.name,
        r.role,
        r.group,
        ...core.LEDGER_ITEMS.map((c) => r.items[c] ?? ''),
        r.total,
        r.rank,
        r.bottomRank,
        r.bottom ? 'TRUE' : 'FALSE',
        r.redLines,
        r.pay,
        r.quarter,
        r.award,
        r.flags.join(' '),
        r.notice,
        r.fingerprint,
      ]
        .map(csvField)
        .join(','),
    );
    io.stdout.write(`\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`);
    return 0;
  }
  const { displayWidth } = await import('./main');
  const table = (head: string[], rows: string[][]) => {
    const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
    const line = (c: string[]) =>
      c
        .map((v, i) => v + ' '.repeat(Math.max(0, widths[i] - displayWidth(v))))
        .join('  ')
        .trimEnd();
    return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  };
  const num = (v: number | string) => (typeof v === 'number' ? v.toFixed(2) : v);
  const parts = [
    `months ${out.months.join(', ') || '-'}`,
    table(
      ['month', 'id', 'name', 'role', 'total', 'rank', 'pay', 'flags'],
      ledger.rows.map((r) => [
        r.month,
        r.id,
        r.name,
        r.role,
        num(r.total),
        r.rank === '' ? '-' : String(r.rank),
        num(r.pay),
        r.flags.join(','),
      ]),
    ),
    '',
    table(
      ['quarter', 'months', 'award', 'transfer'],
      out.quarters.map((q) => [q.quarter, q.months.join(','), q.award.join(',') || '-', q.transfer.join(',') || '-']),
    ),
    '',
    table(
      ['id', 'name', 'months', 'average', 'best', 'worst', 'last two', 'red lines', 'awards', 'transfers', 'pay'],
      out.annual.map((a) => [
        a.id,
        a.name,
        String(a.months),
        a.average === null ? '-' : a.average.toFixed(2),
        a.best ? `${a.best.month} ${a.best.total.toFixed(2)}` : '-',
        a.worst ? `${a.worst.month} ${a.worst.total.toFixed(2)}` : '-',
        String(a.lastTwo),
        String(a.redLines),
        String(a.awards),
        String(a.transfers),
        a.pay.toFixed(2),
      ]),
    ),
    '',
    table(
      ['plan: month', 'id', 'notice', 'due', 'submitted'],
      out.plans.map((p) => [p.month, p.id, p.notice, p.due, p.submitted || '-']),
    ),
  ];
  io.stdout.write(parts.join('\n') + '\n');
  return 0;
}

/** `ledger --verify MONTH.xlsx`: 0 when the month's inputs and results are the ones closed, 2 listing what changed. */
async function verify(ledgerFile: string, ledger: Ledger, monthFile: string, io: IO): Promise<number> {
  const core = await import('../core/ledger');
  const report = await readMonth(monthFile);
  const month = report.month;
  const closed = ledger.rows.filter((r) => r.month === month);
  if (closed.length === 0) throw new Problem(LEDGER.notClosed, { ledger: ledgerFile, month, months: core.ledgerMonths(ledger.rows) });
  const now = await monthRows(report, closed[0].notice);
  const changes = core.monthChanges(closed, now);
  if (changes.length === 0) {
    say(io.stdout, LEDGER.verifySame, { file: monthFile, month, ledger: ledgerFile });
    return 0;
  }
  for (const c of changes) say(io.stdout, LEDGER.verifyChange, { file: monthFile, month, ...c });
  say(io.stderr, LEDGER.verifyChanges, { file: monthFile, month, ledger: ledgerFile, n: changes.length });
  return 2;
}

/**
 * `new --ledger`: the quarter sheet's earlier months (D10) from the ledger's closed months — each agent's rank,
 * rank from the bottom and red lines as closed — in place of `--previous` files. Refused (nothing written) when
 * `--previous` is given too, the file is not a ledger, a month the quarter needs is not closed in it, or its
 * months are another roster's.
 */
export async function quarterFromLedger(
  file: string,
  o: { month: string; mode: 'calendar' | 'rolling'; agents: readonly { id: string; name: string }[]; roster: string; previous?: string[] },
  io: IO,
): Promise<Record<string, Record<string, { rank: number | ''; bottomRank: number | ''; redLines: number }>>> {
  if (o.previous?.length) throw new Problem(LEDGER.newLedgerAndPrevious, {});
  const [{ readLedgerFile }, core] = await Promise.all([import('../xlsx/ledger'), import('../core/ledger')]);
  let ledger: Ledger;
  try {
    ledger = (await readLedgerFile(file)).ledger;
  } catch (e) {
    // a month's workbook or any other file: the ledger's own wording speaks of close (a new name starts one), not of new
    if (e instanceof Problem && (e.code === 'ledger.notLedger' || e.code === 'ledger.ledgerIsMonth'))
      throw new Problem(LEDGER.newNotLedger, { file, month: e.code === 'ledger.ledgerIsMonth' }, { cause: e });
    throw e;
  }
  const q = core.quarterHistory(ledger.rows, o.month, o.mode);
  if (q.missing.length)
    throw new Problem(LEDGER.newMonthsMissing, { file, month: o.month, missing: q.missing, months: core.ledgerMonths(ledger.rows) });
  const other = core.otherRosterIn(ledger.rows, q.needed, o.agents);
  if (other) throw new Problem(LEDGER.newOtherRoster, { file, roster: o.roster, ...other });
  say(io.stderr, LEDGER.newTaken, { file, months: q.needed, agents: Object.keys(q.history).length });
  return q.history;
}

/** The month's notice as .xlsx (and PDF with --pdf, through LibreOffice). */
export async function cmdNotice(
  file: string,
  o: { month: string; out: string; lang?: 'zh' | 'en'; pdf?: boolean; force?: boolean },
  io: IO,
): Promise<number> {
  const [core, { buildNoticeWorkbook }, { writeWorkbookFile }, { checkMonth }] = await Promise.all([
    import('../core/ledger'),
    import('../templates/ledger-book'),
    import('../xlsx/writer'),
    import('../io/records'),
  ]);
  const month = checkMonth(o.month, '--month');
  if (!/\.xlsx$/i.test(o.out)) throw new Problem(CLI.outNotXlsx, { out: o.out });
  const { ledger, lang } = await readLedgerArg(file, 'notice');
  if (!ledger.rows.some((r) => r.month === month))
    throw new Problem(LEDGER.notClosed, { ledger: file, month, months: core.ledgerMonths(ledger.rows) });
  await writeWorkbookFile(buildNoticeWorkbook(ledger, month, o.lang ?? lang), o.out, { force: o.force });
  say(io.stdout, LEDGER.wroteNotice, { out: o.out, month });
  if (o.pdf) {
    const pdf = await printPdf(o.out);
    if (pdf.ok) say(io.stdout, LEDGER.wrotePdf, { out: pdf.file });
    else {
      say(io.stderr, pdf.missing ? LEDGER.noLibreOffice : LEDGER.pdfFailed, { out: o.out, detail: pdf.detail });
      return 1;
    }
  }
  return 0;
}

/** LibreOffice headless prints the .xlsx to a PDF beside it (its own profile, so a running LibreOffice does not swallow the job). */
async function printPdf(xlsx: string): Promise<{ ok: true; file: string } | { ok: false; missing: boolean; detail: string }> {
  const { spawnSync } = await import('child_process');
  const os = await import('os');
  const which = (cmd: string) => {
    const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const soffice = which('soffice') ?? which('libreoffice');
  if (!soffice) return { ok: false, missing: true, detail: '' };
  const dir = path.dirname(path.resolve(xlsx));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-forms-lo-'));
  try {
    const r = spawnSync(
      soffice,
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, xlsx],
      {
        encoding: 'utf8',
        timeout: 120000,
      },
    );
    const pdf = path.join(dir, `${path.basename(xlsx).replace(/\.xlsx$/i, '')}.pdf`);
    if (!fs.existsSync(pdf))
      return { ok: false, missing: false, detail: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n')[0] };
    return { ok: true, file: pdf };
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Adds close, ledger and notice to the program (main.ts); `begin` names the command running, `done` gives its exit code. */
export function registerLedgerCommands(
  program: Commander.Command,
  Option: typeof Commander.Option,
  io: IO,
  hooks: { begin(name: string): void; done(code: number): void },
): void {
  program
    .command('close')
    .description(
      'close a month: freeze its results into the ledger (D13); refused while anything is incomplete or disputed, or a stored result differs from the rules',
    )
    .argument('<file>', "the month's .xlsx workbook")
    .requiredOption('--ledger <file>', '(required) the ledger .xlsx (created when missing)')
    .option('--notice <YYYY-MM-DD>', 'the notice date (default: today); improvement plans are due 7 days after (D14)')
    .option('--reopen', 'replace a month already closed (needs --reason)')
    .option('--reason <text>', 'why the closed month is reopened: kept in the ledger')
    .addOption(new Option('--lang <lang>', "a new ledger's language (default: the month workbook's)").choices(['zh', 'en']))
    .exitOverride()
    .action(async (file: string, opts: CloseOptions) => {
      hooks.begin('close');
      hooks.done(await cmdClose(file, opts, io));
    });
  program
    .command('ledger')
    .description('the ledger: closed months, quarters (D10), annual review (D15), improvement plans (D14); or --verify a closed month')
    .argument('<file>', 'the ledger .xlsx')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--year <YYYY>', "the annual review's year (default: the latest month's)")
    .option('--verify <file>', "a closed month's workbook: exit 0 when unchanged since it was closed, 2 listing what changed")
    .exitOverride()
    .action(async (file: string, opts: { format: Format; year?: string; verify?: string }) => {
      hooks.begin('ledger');
      hooks.done(await cmdLedger(file, opts, io));
    });
  program
    .command('notice')
    .description("a closed month's notice (月度绩效考核通报): one A4 page")
    .argument('<file>', 'the ledger .xlsx')
    .requiredOption('--month <YYYY-MM>', '(required) the closed month')
    .requiredOption('--out <file>', '(required) the .xlsx to write')
    .addOption(new Option('--lang <lang>', "the notice's language (default: the ledger's)").choices(['zh', 'en']))
    .option('--pdf', 'also print it to a PDF beside the .xlsx (needs LibreOffice)')
    .option('--force', 'replace the output file if it exists')
    .exitOverride()
    .action(async (file: string, opts: { month: string; out: string; lang?: 'zh' | 'en'; pdf?: boolean; force?: boolean }) => {
      hooks.begin('notice');
      hooks.done(await cmdNotice(file, opts, io));
    });
}
