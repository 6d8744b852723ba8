/**
 * `kpi-forms score FILE [--format F]` is parsed without commander (src/cli/main.ts quickScore), so that the
 * command run most does not load it: the quick parse takes exactly what commander would give the score
 * command and leaves everything else (help, other options, a bad format, mistakes) to commander, whose
 * output and exit code are then as before; a whole `score` process loads no commander.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { quickScore, run } from '../../src/cli/main';

const ROOT = path.join(__dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-quick-'));

/** Runs the CLI in-process, collecting its output. */
async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

describe('score without commander', () => {
  test.each([
    [['score', 'a.xlsx'], { file: 'a.xlsx', format: 'table' }],
    [['score', 'a.xlsx', '--format', 'json'], { file: 'a.xlsx', format: 'json' }],
    [['score', '--format', 'csv', 'a.xlsx'], { file: 'a.xlsx', format: 'csv' }],
    [['score', '--format=table', 'b c.xlsx'], { file: 'b c.xlsx', format: 'table' }],
  ])('%j is parsed as commander parses it', (argv, want) => {
    expect(quickScore(argv)).toEqual(want);
  });

  test.each([
    [[]],
    [['new', '--month', '2024-03']],
    [['score']],
    [['score', '--help']],
    [['score', 'a.xlsx', '-h']],
    [['score', 'a.xlsx', 'b.xlsx']],
    [['score', 'a.xlsx', '--format']],
    [['score', 'a.xlsx', '--format', 'xml']],
    [['score', 'a.xlsx', '--format', 'json', '--format', 'csv']],
    [['score', 'a.xlsx', '--lang', 'en']],
    [['score', '-']],
    [['score', '']],
    [['score', 'a.xlsx', '--']],
  ])('%j is left to commander', (argv) => {
    expect(quickScore(argv)).toBeNull();
  });

  test('what commander says for what the quick parse leaves to it: usage errors and help', async () => {
    const bad = await cli(['score', 'a.xlsx', '--format', 'xml']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/option '--format <format>' argument 'xml' is invalid/);
    const missing = await cli(['score']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/missing required argument 'file'/);
    const help = await cli(['score', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: kpi-forms score \[options\] <file>/);
  });

  test('a missing file through the quick path: the problem, exit code 1, as through commander', async () => {
    const file = path.join(dir, 'none.xlsx');
    const quick = await cli(['score', file]);
    expect(quick.code).toBe(1);
    expect(quick.stderr).toContain(file);
    // `--` ends the options: commander parses it, and says the same
    const viaCommander = await cli(['score', '--', file]);
    expect(viaCommander).toEqual(quick);
  });

  test('a whole `score` process loads no commander; `--help` does', () => {
    const out = path.join(dir, 'loaded.json');
    const hook = path.join(dir, 'hook.js');
    fs.writeFileSync(
      hook,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));\n`,
    );
    const commanderLoaded = (...args: string[]) => {
      spawnSync(process.execPath, ['-r', hook, path.join(ROOT, 'bin', 'kpi-forms.js'), ...args], { cwd: dir, encoding: 'utf8' });
      return (JSON.parse(fs.readFileSync(out, 'utf8')) as string[]).some((f) => /node_modules[\\/]commander[\\/]/.test(f));
    };
    expect(commanderLoaded('score', path.join(dir, 'none.xlsx'), '--format', 'json')).toBe(false);
    expect(commanderLoaded('--help')).toBe(true);
  });
});
