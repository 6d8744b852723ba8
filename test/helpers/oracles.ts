/**
 * External oracles for tests: LibreOffice headless and Chromium. A missing oracle skips the tests that
 * need it on a user's machine (saying so), but under CI=true it is a failure, never a skip.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export const SOFFICE = which('soffice') ?? which('libreoffice');
export const CHROMIUM = fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : which('chromium');

/**
 * `describe` when the oracle is present; otherwise, outside CI, a describe whose single test says
 * what is missing and passes; under CI=true, a failing test.
 */
export function describeWith(oracle: 'libreoffice' | 'chromium', name: string, body: () => void): void {
  const present = oracle === 'libreoffice' ? SOFFICE : CHROMIUM;
  if (present) {
    describe(name, body);
    return;
  }
  const msg = `${oracle} is not installed (apt-get install -y ${oracle === 'libreoffice' ? 'libreoffice-calc-nogui' : 'chromium'})`;
  describe(name, () => {
    if (process.env.CI === 'true') {
      test(`needs ${oracle}`, () => {
        throw new Error(`CI=true: ${msg}; a missing oracle is a failure`);
      });
    } else {
      test(`skipped: ${msg}`, () => {
        console.warn(`[${name}] not run: ${msg}`);
      });
    }
  });
}

let profileDir: string | null = null;

/** A fresh LibreOffice profile that recalculates OOXML files on load (OOXMLRecalcMode = 0: always). */
function profile(): string {
  if (profileDir) return profileDir;
  profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lo-profile-'));
  const user = path.join(profileDir, 'user');
  fs.mkdirSync(user, { recursive: true });
  fs.writeFileSync(
    path.join(user, 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return profileDir;
}

/**
 * Opens `input` (.xlsx) in LibreOffice headless, recalculating every formula, and saves it as .xlsx
 * in `outDir`. Returns the output path. soffice exits 0 even on failure, so the output is checked.
 */
export function recalcXlsx(input: string, outDir: string): string {
  return recalcMany([input], outDir)[0];
}

/** Like recalcXlsx for several files in one LibreOffice run (one start-up instead of one per file). */
export function recalcMany(inputs: string[], outDir: string): string[] {
  if (!SOFFICE) throw new Error('LibreOffice (soffice) is not installed');
  fs.mkdirSync(outDir, { recursive: true });
  const outs = inputs.map((input) => path.join(outDir, path.basename(input).replace(/\.xlsx$/i, '') + '.xlsx'));
  outs.forEach((out, i) => {
    if (path.resolve(out) === path.resolve(inputs[i])) throw new Error('recalcXlsx: outDir must differ from the input folder');
    if (fs.existsSync(out)) fs.unlinkSync(out);
  });
  const env = { ...process.env, HOME: profile() };
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${profile()}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      outDir,
      ...inputs,
    ],
    { stdio: 'pipe', timeout: 300000, env },
  );
  for (const out of outs) if (!fs.existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
  return outs;
}
