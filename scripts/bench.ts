/**
 * `npm run bench`: speed and size figures, measured in one run, written to BENCHMARKS.md.
 *  - whole processes, as a user meets them: `kpi-forms --help`, `kpi-forms new` and `kpi-forms score` for
 *    80 agents (the compiled CLI, `node bin/kpi-forms.js`, and `npx kpi-forms`), paired with LibreOffice's
 *    headless open-recalculate-save of the same file, runs alternating, medians; the same for 80 agents with a
 *    month of 12,000 records (`BENCH_ONLY=records` runs those rows alone and prints them);
 *  - in-process: build (spec + .xlsx file) and score (read + engine + compare) of a workbook of 80 agents;
 *  - LibreOffice's time to recalculate the same file (the goal: scoring ≥ 10× faster than that);
 *  - the task pane's JavaScript size (raw and gzip), its on-demand chunks and functions.js (from a fresh `npm run build`, run here, so the sizes are this tree's);
 *  - context.sync calls per insertion at 1 and 80 agents (counting mock).
 */
import { execSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { buildWorkbook, quarterMonths } from '../src/templates/workbook';
import { writeWorkbookFile } from '../src/xlsx/writer';
import { scoreWorkbookFile } from '../src/xlsx/reader';
import { SOFFICE, recalcXlsx } from '../test/helpers/oracles';
import { randomMonth, rng } from '../test/helpers/random';
import { SUMMED_CODES } from '../src/core/records';
import { ledgerProcesses } from './bench-ledger';

const ROOT = path.join(__dirname, '..');
const AGENTS = 80;
const RUNS = 7;
const WARMUPS = 2;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Cold times (the first call of each measured step, JIT not warmed up), reported beside the medians. */
const cold: Record<string, number> = {};

async function timeIt(f: () => Promise<unknown> | unknown, label: string, runs = RUNS): Promise<number> {
  const c0 = performance.now();
  await f();
  cold[label] = performance.now() - c0;
  for (let i = 1; i < WARMUPS; i++) await f();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    t.push(performance.now() - t0);
  }
  return median(t);
}

const ms = (x: number) => `${x.toFixed(0)} ms`;

const BIN = path.join(ROOT, 'bin', 'kpi-forms.js');

/** Wall time of one whole process (start-up included); fails the bench when the command fails. */
function proc(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '' } });
  const t = performance.now() - t0;
  if (r.status !== 0 && r.status !== 2) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return t;
}

const csvField = (v: unknown) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** Roster and entries CSV files for `kpi-forms new`, from a random month. */
function writeCsvInputs(dir: string, rm: ReturnType<typeof randomMonth>): { roster: string; entries: string } {
  const roster = path.join(dir, 'roster-80.csv');
  const entries = path.join(dir, 'entries-80.csv');
  fs.writeFileSync(
    roster,
    ['employee_id,name,role,group', ...rm.agents.map((a) => [a.id, a.name, a.role, a.group].map(csvField).join(','))].join('\n') + '\n',
  );
  const rows = ['employee_id,code,value'];
  for (const [id, inp] of Object.entries(rm.inputs))
    for (const [code, v] of Object.entries(inp)) rows.push([id, code, v].map(csvField).join(','));
  fs.writeFileSync(entries, rows.join('\n') + '\n');
  return { roster, entries };
}

/** `kpi-forms merge` of 10 workbooks × 50 agents (a department of 500, D16): one whole process, median of 3. */
async function mergeRow(dir: string): Promise<string[][]> {
  const files: string[] = [];
  for (let k = 0; k < 10; k++) {
    const g = randomMonth(700 + k, 50, []);
    files.push(path.join(dir, `group-${k}.xlsx`));
    const spec = buildWorkbook({ month: '2015-01', agents: g.agents, inputs: g.inputs, mode: 'plain' });
    await writeWorkbookFile(spec, files[k], { force: true });
  }
  const t: number[] = [];
  const dept = path.join(dir, 'dept-500.xlsx');
  for (let i = 0; i < 3; i++) t.push(proc('node', [BIN, 'merge', ...files, '--out', dept, '--force']));
  const rows = [['`kpi-forms merge` (10 workbooks × 50 agents → 500)', ms(median(t)), 'goal < 2000 ms']];
  if (!SOFFICE) return rows;
  // the merged department scores within issue 5's goal (issue 11): score and LibreOffice on the same saved file
  const saved = recalcXlsx(dept, path.join(dir, 'lo-saved-dept'));
  const score: number[] = [];
  const lo: number[] = [];
  for (let i = 0; i < 3; i++) {
    score.push(proc('node', [BIN, 'score', saved, '--format', 'json']));
    const t0 = performance.now();
    recalcXlsx(saved, path.join(dir, 'lo-run-dept'));
    lo.push(performance.now() - t0);
  }
  const s = median(score);
  const l = median(lo);
  rows.push([
    '`kpi-forms score` of the merged department (500 agents, file saved by LibreOffice)',
    ms(s),
    `${(l / s).toFixed(1)}× faster than LibreOffice's ${ms(l)} on the same file (goal ≥ 10×)`,
  ]);
  return rows;
}

/** Whole processes: the commands a user types, paired with LibreOffice in the same run. */
async function wholeProcesses(dir: string, month: string, rm: ReturnType<typeof randomMonth>): Promise<string[][]> {
  execSync('node scripts/build-cli.mjs', { cwd: ROOT, stdio: 'inherit' });
  const { roster, entries } = writeCsvInputs(dir, rm);
  const out = path.join(dir, 'cli-80.xlsx');
  const newArgs = [BIN, 'new', '--month', month, '--roster', roster, '--entries', entries, '--out', out, '--force'];
  const help: number[] = [];
  const built: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    help.push(proc('node', [BIN, '--help']));
    built.push(proc('node', newArgs));
  }
  const npxHelp: number[] = [];
  for (let i = 0; i < 3; i++) npxHelp.push(proc('npx', ['kpi-forms', '--help']));
  const rows: string[][] = [
    ['`kpi-forms --help`', ms(median(help)), `goal < 300 ms; through npx: ${ms(median(npxHelp))} (npx's own start-up)`],
    ['`kpi-forms new` (80 agents, roster + entries CSV)', ms(median(built)), 'goal < 1000 ms'],
    ...(await mergeRow(dir)),
  ];
  if (!SOFFICE) {
    rows.push(['`kpi-forms score` vs LibreOffice', 'not measured', 'LibreOffice missing']);
    return rows;
  }
  // score reads the file as a spreadsheet saved it (with stored results to compare): LibreOffice saves it once,
  // then both run on that same file — score reads it, LibreOffice opens, recalculates and saves it again
  const saved = recalcXlsx(out, path.join(dir, 'lo-saved'));
  const score: number[] = [];
  const lo: number[] = [];
  for (let i = 0; i < 5; i++) {
    score.push(proc('node', [BIN, 'score', saved, '--format', 'json']));
    const t0 = performance.now();
    recalcXlsx(saved, path.join(dir, 'lo-run'));
    lo.push(performance.now() - t0);
  }
  const s = median(score);
  const l = median(lo);
  rows.push([
    '`kpi-forms score` (80 agents, file saved by LibreOffice)',
    ms(s),
    `${(l / s).toFixed(1)}× faster than LibreOffice (goal ≥ 10×)`,
  ]);
  rows.push([
    'LibreOffice headless: open, recalculate, save the same workbook',
    ms(l),
    'fresh `soffice --convert-to` each run, start-up included',
  ]);
  return rows;
}

/** Records for the records rows: 80 agents, about a month of records. */
const RECORDS = 12000;

/**
 * An entries CSV of `n` records (D12) for `kpi-forms new`: the random month's typed monthly figures (EX, S01,
 * S02, S03, S06) and `n` valid records spread over the agents — a day of the month, a summed code of the agent's
 * kind, a small count (B06 in half days, B13 points kept under 100 per agent), a call id as evidence, statuses
 * blank, disputed, upheld and withdrawn.
 */
function writeRecordsCsv(dir: string, month: string, rm: ReturnType<typeof randomMonth>, n: number): string {
  const file = path.join(dir, `entries-80-records-${n}.csv`);
  const r = rng(7);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const rows = ['employee_id,code,value,date,evidence,recorded_by,status'];
  for (const [id, inp] of Object.entries(rm.inputs))
    for (const [code, v] of Object.entries(inp))
      if (!SUMMED_CODES['pre-sales'].includes(code) && !SUMMED_CODES['after-sales'].includes(code))
        rows.push([id, code, v, '', '', '', ''].map(csvField).join(','));
  const b13 = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    const a = rm.agents[k % rm.agents.length];
    let code = SUMMED_CODES[a.role][int(0, SUMMED_CODES[a.role].length - 1)];
    let count = code === 'B06' ? int(1, 4) / 2 : int(0, 2);
    if (code === 'B13') {
      if ((b13.get(a.id) ?? 0) + count > 100) [code, count] = ['A01', 1];
      b13.set(a.id, (b13.get(a.id) ?? 0) + count);
    }
    const day = `${month}-${String(int(1, 28)).padStart(2, '0')}`;
    const status = ['', '', '', '', 'disputed', 'upheld', 'withdrawn'][int(0, 6)];
    rows.push(
      [a.id, code, count, day, `call ${month.replace('-', '')}${String(100000 + k)} ${int(8, 20)}:${int(10, 59)}`, 'sup' + (k % 3), status]
        .map(csvField)
        .join(','),
    );
  }
  fs.writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

/**
 * Whole processes with records: `kpi-forms new` of 80 agents with `RECORDS` records, and `score` of that
 * workbook as LibreOffice saved it, alternating with LibreOffice's recalculation of that same file.
 */
async function recordsProcesses(dir: string, month: string, rm: ReturnType<typeof randomMonth>, runs: number): Promise<string[][]> {
  const { roster } = writeCsvInputs(dir, rm);
  const entries = writeRecordsCsv(dir, month, rm, RECORDS);
  const out = path.join(dir, `cli-80-records.xlsx`);
  const built: number[] = [];
  for (let i = 0; i < runs; i++)
    built.push(proc('node', [BIN, 'new', '--month', month, '--roster', roster, '--entries', entries, '--out', out, '--force']));
  const rows: string[][] = [
    [
      `\`kpi-forms new\` (80 agents, ${RECORDS.toLocaleString('en')} records)`,
      ms(median(built)),
      `goal < 1000 ms; ${(fs.statSync(out).size / 1024).toFixed(0)} KB file`,
    ],
  ];
  if (!SOFFICE) {
    rows.push(['`kpi-forms score` with records vs LibreOffice', 'not measured', 'LibreOffice missing']);
    return rows;
  }
  const saved = recalcXlsx(out, path.join(dir, 'lo-saved-records'));
  const score: number[] = [];
  const lo: number[] = [];
  for (let i = 0; i < 5; i++) {
    score.push(proc('node', [BIN, 'score', saved, '--format', 'json']));
    const t0 = performance.now();
    recalcXlsx(saved, path.join(dir, 'lo-run-records'));
    lo.push(performance.now() - t0);
  }
  const s = median(score);
  const l = median(lo);
  rows.push([
    `\`kpi-forms score\` (80 agents, ${RECORDS.toLocaleString('en')} records, file saved by LibreOffice)`,
    ms(s),
    `${(l / s).toFixed(1)}× faster than LibreOffice (goal ≥ 10×)`,
  ]);
  rows.push([
    `LibreOffice headless: open, recalculate, save the same workbook (${RECORDS.toLocaleString('en')} records)`,
    ms(l),
    'fresh `soffice --convert-to` each run',
  ]);
  return rows;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-bench-'));
  const month = '2015-03';
  const rm = randomMonth(42, AGENTS, quarterMonths(month, 'calendar').slice(0, 2));
  // BENCH_ONLY=records: only the records rows (BENCH_RUNS runs of `new`, default 3), printed; BENCHMARKS.md untouched
  if (process.env.BENCH_ONLY === 'records') {
    execSync('node scripts/build-cli.mjs', { cwd: ROOT, stdio: 'inherit' });
    const rows = await recordsProcesses(dir, month, rm, Number(process.env.BENCH_RUNS ?? 3));
    for (const r of rows) console.log(r.join(' | '));
    return;
  }
  const file = path.join(dir, 'team-80.xlsx');
  const build = async () => {
    const spec = buildWorkbook({ month, agents: rm.agents, inputs: rm.inputs, history: rm.history, mode: 'plain' });
    await writeWorkbookFile(spec, file, { force: true });
  };
  const buildMs = await timeIt(build, 'build');
  const size = fs.statSync(file).size;

  let loMs: number | null = null;
  let scoreFile = file;
  if (SOFFICE) {
    const lo: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      scoreFile = recalcXlsx(file, path.join(dir, 'lo'));
      lo.push(performance.now() - t0);
    }
    loMs = median(lo);
  }
  let mismatches = -1;
  const scoreMs = await timeIt(async () => {
    mismatches = (await scoreWorkbookFile(scoreFile)).mismatches.length;
  }, 'score');

  const procRows = await wholeProcesses(dir, month, rm);
  procRows.push(...(await recordsProcesses(dir, month, rm, RUNS)));
  // the year (issue 10): close, ledger --format json and the annual sheet at 500 agents × 12 months
  procRows.push(...(await ledgerProcesses(dir, 5)));

  const rows: string[][] = [
    ['build workbook of 80 agents (spec + .xlsx)', ms(buildMs), `${(size / 1024).toFixed(0)} KB file; first (cold) run ${ms(cold.build)}`],
    [
      'score workbook of 80 agents (read + engine + compare)',
      ms(scoreMs),
      `${mismatches} mismatches${SOFFICE ? ', file saved by LibreOffice' : ''}; first (cold) run ${ms(cold.score)}`,
    ],
    ['build + score', ms(buildMs + scoreMs), `goal < 1000 ms; cold ${ms(cold.build + cold.score)}`],
    [
      'LibreOffice headless: open, recalculate, save the same file',
      loMs === null ? 'not measured (LibreOffice missing)' : ms(loMs),
      loMs === null ? '' : `scoring is ${(loMs / scoreMs).toFixed(1)}× faster (goal ≥ 10×)`,
    ],
  ];

  // bundle sizes
  const sizeRows: string[][] = [];
  try {
    execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { bundleSizes } = require('./bundle-size');
    const b = bundleSizes(path.join(ROOT, 'dist'));
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    sizeRows.push(['task pane JavaScript', kb(b.taskpaneRaw), kb(b.taskpaneGzip), 'goal ≤ 150 KB gzip']);
    sizeRows.push(['functions.js', kb(b.functionsRaw), kb(b.functionsGzip), '']);
    sizeRows.push([
      'on-demand chunks (loaded when used)',
      kb(b.onDemandRaw),
      kb(b.onDemandGzip),
      `not in the pane's initial JS: ${(b.onDemand as Array<{ file: string; gzip: number }>)
        .map((c) => `${c.file.replace(/\.[0-9a-f]{8}\.js$|\.js$/, '')} ${kb(c.gzip)}`)
        .join(' + ')} gzip (xlsx: also for a roster .xlsx), fetched when used`,
    ]);
  } catch (e) {
    sizeRows.push(['bundle sizes', 'not measured', '', String(e instanceof Error ? e.message : e).split('\n')[0]]);
  }

  // context.sync per insertion
  const syncRows: string[][] = [];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { countSyncs } = require('../test/helpers/sync-count');
    for (const form of ['formA', 'formB', 'after', 'summary']) {
      syncRows.push([form, String(await countSyncs(1, form)), String(await countSyncs(80, form))]);
    }
    // a month of records (issue 9): the records sheet and the whole workbook on Excel on the web (5 MB requests)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { measureInsertion } = require('../test/helpers/sync-count');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { HOSTS } = require('../test/helpers/fake-excel/hosts');
    for (const form of ['records', 'all']) {
      const one = await measureInsertion(1, form, 'kpi', HOSTS.web, 150);
      const all = await measureInsertion(80, form, 'kpi', HOSTS.web, RECORDS);
      const mb = (m: { maxSyncBytes: number }) => `${(m.maxSyncBytes / 1048576).toFixed(1)} MB`;
      syncRows.push([
        `${form === 'all' ? 'whole workbook' : 'records sheet'} with records, Excel on the web (1 agent: 150 records; 80 agents: ${RECORDS.toLocaleString('en')})`,
        `${one.syncs} (largest request ${mb(one)})`,
        `${all.syncs} (largest request ${mb(all)})`,
      ]);
    }
  } catch (e) {
    syncRows.push(['(not measured)', String(e instanceof Error ? e.message : e).split('\n')[0], '']);
  }

  const table = (head: string[], body: string[][]) =>
    [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const md = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}).`,
    `Median of ${RUNS} runs after ${WARMUPS} warm-ups; LibreOffice: median of 3 runs (each a fresh \`soffice --convert-to\`, start-up included), in the same run.`,
    '',
    '## Whole processes: the commands a user types (80 agents)',
    '',
    `Each a fresh process (\`node bin/kpi-forms.js …\`, the compiled CLI): median of ${RUNS} runs; score and LibreOffice alternate, median of 5 each.`,
    '',
    table(['command', 'time', 'note'], procRows),
    '',
    '## In process: workbook of 80 agents (warm, after the modules are loaded)',
    '',
    table(['what', 'time', 'note'], rows),
    '',
    '## Add-in size',
    '',
    table(['file', 'raw', 'gzip', 'note'], sizeRows),
    '',
    '## context.sync per insertion (Office.js writer, counting mock)',
    '',
    table(['insertion', '1 agent', '80 agents'], syncRows),
    '',
    'Goal: at most 2 per insertion.',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), md);
  console.log(md);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
