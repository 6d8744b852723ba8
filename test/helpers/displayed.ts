/**
 * What a spreadsheet shows: LibreOffice headless opens .xlsx files, recalculates them and writes every
 * sheet as CSV with each cell's text as shown (number formats applied: `0.00`, `30%`, a text section's
 * word), which is what a user reads on screen and on paper.
 */
import { execFileSync } from 'child_process';
import { parse } from 'csv-parse/sync';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SOFFICE } from './oracles';

let profileDir: string | null = null;

/** A LibreOffice profile that recalculates OOXML files on load (as oracles.ts's). */
function profile(): string {
  if (profileDir) return profileDir;
  profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lo-shown-'));
  fs.mkdirSync(path.join(profileDir, 'user'), { recursive: true });
  fs.writeFileSync(
    path.join(profileDir, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return profileDir;
}

/**
 * CSV filter options: comma, double quote, UTF-8 (76), from line 1, cells "as shown" (the 9th token), every
 * sheet to a file of its own (-1: `<file>-<sheet>.csv`, LibreOffice 7.2 and later).
 */
const CSV_AS_SHOWN = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';

/** Each sheet of each file as shown: file → sheet name → rows of cell texts (row 1 first, column A first). */
export function shownSheets(files: string[], sheetNames: (file: string) => string[], outDir: string): Map<string, Map<string, string[][]>> {
  if (!SOFFICE) throw new Error('LibreOffice (soffice) is not installed');
  fs.mkdirSync(outDir, { recursive: true });
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${profile()}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      CSV_AS_SHOWN,
      '--outdir',
      outDir,
      ...files,
    ],
    { stdio: 'pipe', timeout: 300000, env: { ...process.env, HOME: profile() } },
  );
  const out = new Map<string, Map<string, string[][]>>();
  for (const file of files) {
    const base = path.basename(file).replace(/\.xlsx$/i, '');
    const sheets = new Map<string, string[][]>();
    for (const name of sheetNames(file)) {
      const csv = path.join(outDir, `${base}-${name}.csv`);
      if (!fs.existsSync(csv)) throw new Error(`LibreOffice did not write ${csv}`);
      sheets.set(name, parse(fs.readFileSync(csv, 'utf8'), { relax_column_count: true }) as string[][]);
    }
    out.set(file, sheets);
  }
  return out;
}
