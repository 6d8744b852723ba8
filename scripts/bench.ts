/**
 * `npm run bench`: speed and size figures, measured in one run, written to BENCHMARKS.md.
 *  - build (spec + .xlsx file) and score (read + engine + compare) of a workbook of 80 agents;
 *  - LibreOffice's time to recalculate the same file (the goal: scoring ≥ 10× faster than that);
 *  - the task pane's JavaScript size (raw and gzip), its on-demand chunks and functions.js (from a fresh `npm run build`, run here, so the sizes are this tree's);
 *  - context.sync calls per insertion at 1 and 80 agents (counting mock).
 */
import { execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { buildWorkbook, quarterMonths } from '../src/templates/workbook';
import { writeWorkbookFile } from '../src/xlsx/writer';
import { scoreWorkbookFile } from '../src/xlsx/reader';
import { SOFFICE, recalcXlsx } from '../test/helpers/oracles';
import { randomMonth } from '../test/helpers/random';

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

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-bench-'));
  const month = '2015-03';
  const rm = randomMonth(42, AGENTS, quarterMonths(month, 'calendar').slice(0, 2));
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
      'call-log import (loaded on demand)',
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
    '## Workbook of 80 agents',
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
