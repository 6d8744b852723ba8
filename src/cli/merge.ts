/**
 * `kpi-forms merge A.xlsx B.xlsx … --out DEPT.xlsx [--prefer FILE]… [--lang zh|en] [--formulas plain|kpi] [--force]`:
 * the department's month (forms.md D16) from supervisors' or group leaders' workbooks of one month. Each is read
 * and checked as `score` reads it; their rosters, typed inputs and records are merged (core/merge.ts: what agrees
 * is taken once, what disagrees is refused naming both workbooks and the cells, unless a --prefer workbook wins);
 * the month is built again over every agent, so S01's average and the ranks are the department's. Each record
 * keeps the workbook it came from (the records sheet's source column), each agent its workbook(s) (the roster's).
 * Nothing is half-written, and an existing file is replaced only with --force (as `new`).
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as Commander from 'commander';
import { Note, Problem, langOfEnv } from '../core/problem';
import { CLI } from './messages';
// types only: the modules are loaded when the command runs (`--help` loads commander alone)
import type { MergedMonth, splitHistory } from '../core/merge';
import type { isSummedCode } from '../core/records';
import type { WorkbookSpec } from '../templates/model';
import type { buildWorkbook } from '../templates/workbook';

interface IO {
  stdout: { write(s: string | Uint8Array): unknown };
  stderr: { write(s: string): unknown };
}

export interface MergeOptions {
  out: string;
  prefer: string[];
  lang?: 'zh' | 'en';
  formulas?: 'plain' | 'kpi';
  force?: boolean;
}

/** The same file given twice (by another path too): read once. */
const sameFile = (f: string): string => {
  try {
    return fs.realpathSync(f);
  } catch {
    return path.resolve(f);
  }
};

export async function cmdMerge(files: string[], o: MergeOptions, io: IO): Promise<number> {
  const [
    { MERGE, mergeMonthBooks, splitHistory },
    { readMonthBook },
    { buildWorkbook },
    { checkLimits, limitsViewOfSpec },
    { isSummedCode },
  ] = await Promise.all([
    import('../core/merge'),
    import('../xlsx/month-book'),
    import('../templates/workbook'),
    import('../core/excel-limits'),
    import('../core/records'),
  ]);
  const { outputExists, writeWorkbookFile } = await import('../xlsx/writer');
  const lang = langOfEnv(process.env);
  const note = (n: Note) => io.stderr.write(`${n.in(lang)}\n`);
  if (!/\.xlsx$/i.test(o.out)) throw new Problem(CLI.outNotXlsx, { out: o.out });
  if (fs.existsSync(o.out) && !o.force) throw outputExists(o.out);

  const seen = new Map<string, string>();
  const unique: string[] = [];
  for (const f of files) {
    if (seen.has(sameFile(f))) {
      note(new Note(MERGE.twice, { file: f }));
      continue;
    }
    seen.set(sameFile(f), f);
    unique.push(f);
  }
  // --prefer names a workbook as given, or by another path to the same file
  const prefer = o.prefer.map((p) => seen.get(sameFile(p)) ?? p);
  const books = [];
  for (const f of unique) books.push(await readMonthBook(f));
  const merged = mergeMonthBooks(books, prefer);
  for (const n of merged.notes) note(n);

  const spec = mergedWorkbook(merged, { lang: o.lang, mode: o.formulas }, { splitHistory, buildWorkbook, isSummedCode });
  const over = checkLimits(limitsViewOfSpec(spec));
  if (over.length > 0)
    throw new Error(
      `${o.out}: not written: the workbook would break Excel's limits (a fault of kpi-forms; please report it): ${over[0].message}`,
    );
  await writeWorkbookFile(spec, o.out, { force: o.force });
  const pre = merged.agents.filter((a) => a.role === 'pre-sales').length;
  io.stdout.write(
    `${MERGE.merged[lang]({
      out: o.out,
      month: merged.month,
      files: books.length,
      agents: merged.agents.length,
      pre,
      after: merged.agents.length - pre,
      records: merged.records.length,
    })}\n`,
  );
  return 0;
}

/**
 * The merged month as a workbook: the typed inputs on the forms, the quarter's months on the quarter sheet, the
 * records (with their source) on the records sheet, whose sums are the forms' counts.
 */
export function mergedWorkbook(
  merged: MergedMonth,
  o: { lang?: 'zh' | 'en'; mode?: 'plain' | 'kpi' },
  m: { splitHistory: typeof splitHistory; buildWorkbook: typeof buildWorkbook; isSummedCode: typeof isSummedCode },
): WorkbookSpec {
  const { inputs, history } = m.splitHistory(merged.inputs);
  const typed: typeof inputs = {};
  for (const [id, rec] of Object.entries(inputs))
    for (const [code, v] of Object.entries(rec)) if (!m.isSummedCode(code)) (typed[id] ??= {})[code] = v;
  return m.buildWorkbook({
    month: merged.month,
    agents: merged.agents,
    lang: o.lang ?? merged.lang,
    mode: o.mode ?? merged.mode,
    rules: merged.rules,
    inputs: typed,
    history,
    records: merged.records,
  });
}

/** Adds `merge` to the program (src/cli/main.ts). */
export function registerMergeCommand(
  program: Commander.Command,
  Option: typeof Commander.Option,
  io: IO,
  hooks: { begin(name: string): void; done(code: number): void },
): void {
  program
    .command('merge')
    .description("the department's month from several supervisors' workbooks of it: S01's average and the ranks over every agent (D16)")
    .argument('<files...>', "the month's workbooks (.xlsx), one per supervisor or group leader")
    .requiredOption('--out <file>', '(required) the department workbook (.xlsx) to write')
    .option(
      '--prefer <file>',
      'the workbook that wins a conflict (may be given several times, most preferred first)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .addOption(new Option('--lang <lang>', "the workbook's language (default: the first workbook's)").choices(['zh', 'en']))
    .addOption(new Option('--formulas <mode>', "plain Excel formulas or =KPI.… (default: the first workbook's)").choices(['plain', 'kpi']))
    .option('--force', 'replace the output file if it exists')
    .exitOverride()
    .action(async (files: string[], opts: MergeOptions) => {
      hooks.begin('merge');
      hooks.done(await cmdMerge(files, opts, io));
    });
}
