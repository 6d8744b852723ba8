/**
 * `npm run demo`: builds the January 2015 workbook for the eight agents of the public call-centre log
 * (examples/call-centre/calls-2015q1.csv, a copy of ../shared/data/call-centre) plus E09, whose inputs reproduce the source's own example
 * (A 70, B 95, test 80 → 78.5 → 314.00 yuan), with the supervisor entries in examples/, then scores it and
 * prints the ranking. Output: out/demo-2015-01.xlsx (overwritten: it is the demo's own file).
 */
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../src/cli/main';

export const ROOT = path.join(__dirname, '..');
/** The public call-centre log, shipped in examples/call-centre (a copy of ../shared/data/call-centre). */
export const CALLS = path.join(ROOT, 'examples', 'call-centre', 'calls-2015q1.csv');
export const DEMO_OUT = path.join(ROOT, 'out', 'demo-2015-01.xlsx');

export function demoArgs(out = DEMO_OUT): string[] {
  return [
    'new',
    '--month',
    '2015-01',
    '--roster',
    path.join(ROOT, 'examples', 'roster-2015q1.csv'),
    '--entries',
    path.join(ROOT, 'examples', 'entries-2015-01.csv'),
    '--out',
    out,
    '--force',
    '--calls',
    CALLS,
  ];
}

async function main(): Promise<number> {
  fs.mkdirSync(path.dirname(DEMO_OUT), { recursive: true });
  const built = await run(demoArgs());
  if (built !== 0) return built;
  console.log(`\nRanking, January 2015 (${path.relative(process.cwd(), DEMO_OUT)}):\n`);
  return run(['score', DEMO_OUT, '--format', 'table']);
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
