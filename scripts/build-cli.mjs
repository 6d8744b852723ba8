// Compiles the command line `kpi-forms` (src/cli/main.ts and what it imports from src/) into one CommonJS
// file, cli/dist/main.js, so that a user's `kpi-forms` starts without compiling TypeScript. npm runs it
// on install (`prepare`) and `npm test` runs it first; `bin/kpi-forms.js` loads the result.
// Packages stay external (required from node_modules); modules that main.ts imports with `await import()`
// are initialised only when a command needs them, so `--help` does not load ExcelJS.
// Then V8's code cache of main.js (scripts/cli-code-cache.js; bin/load-compiled.js uses it): without it the
// CLI works, only its start is slower, so a failure to make it is a warning.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import process from 'node:process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'cli/dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  // import() of a package (commander, for the commands `score FILE` does not need) as require(): main.js runs
  // through vm.Script with its code cache (bin/load-compiled.js), which has no loader for a real import()
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
  // `exceljs` without its streaming reader and writer (scripts/exceljs-lite.cjs); its subpaths stay external
  plugins: [
    {
      name: 'exceljs-lite',
      setup(b) {
        b.onResolve({ filter: /^exceljs$/ }, () => ({ path: path.join(root, 'scripts', 'exceljs-lite.cjs') }));
        // csv-parse (one file, no dependencies) bundled: every command loads it (io/records → io/csv), and inside
        // main.js it is in the code cache, without a package lookup at every start
        b.onResolve({ filter: /^csv-parse\/sync$/ }, () => ({ path: require.resolve('csv-parse/sync') }));
      },
    },
  ],
});

// a cache of an earlier main.js is never used (its header names the main.js it was made from), but goes
const cache = path.join(root, 'cli', 'dist', 'main.js.cache');
fs.rmSync(cache, { force: true });
const warm = spawnSync(process.execPath, [path.join(root, 'scripts', 'cli-code-cache.js')], { cwd: root, encoding: 'utf8' });
if (warm.status !== 0) {
  fs.rmSync(cache, { force: true });
  process.stderr.write(`build-cli: no code cache for cli/dist/main.js (the CLI starts slower): ${warm.stderr || warm.error}\n`);
}
