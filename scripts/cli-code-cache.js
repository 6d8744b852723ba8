// Writes cli/dist/main.js.cache, V8's code cache of the compiled CLI, for bin/load-compiled.js: runs main.js on
// a sample workbook (`score` as JSON and as a table, and `--help`) so that the cache holds the functions those
// commands compile. Only those: deserialising the cache costs every start, and `new` (which spends its time in
// ExcelJS) gains little from it, so the sample workbook is written by `new` in a process of its own. Run by
// scripts/build-cli.mjs in a process of its own.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { writeCodeCache } = require('../bin/load-compiled');

const main = path.join(__dirname, '..', 'cli', 'dist', 'main.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-cli-cache-'));
const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };

const roster = path.join(dir, 'roster.csv');
fs.writeFileSync(roster, 'employee_id,name,role,group\nE01,Ann,pre-sales,G1\nE02,Bob,after-sales,G2\n');
const file = path.join(dir, 'sample.xlsx');
const made = spawnSync(
  process.execPath,
  [
    '-e',
    `require(${JSON.stringify(main)}).run(process.argv.slice(1)).then((c) => { process.exitCode = c; })`,
    'new',
    '--month',
    '2024-03',
    '--roster',
    roster,
    '--out',
    file,
  ],
  { encoding: 'utf8' },
);

writeCodeCache(main, async (cli) => {
  if (made.status !== 0) throw new Error(`kpi-forms new (the sample workbook) exited ${made.status}: ${made.stderr}`);
  for (const argv of [['score', file, '--format', 'json'], ['score', file], ['--help']]) {
    const code = await cli.run(argv, quiet);
    if (code !== 0) throw new Error(`kpi-forms ${argv.join(' ')} exited ${code}`);
  }
})
  .then((bytes) => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.stdout.write(`cli/dist/main.js.cache: ${(bytes / 1024).toFixed(0)} KB\n`);
  })
  .catch((e) => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`cli-code-cache: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 1;
  });
