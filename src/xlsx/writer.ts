/**
 * Writes a `WorkbookSpec` (templates/model.ts) as an .xlsx file: values and formulas, styles, merges, widths and
 * heights, data validation, conditional formats, defined names, sheet protection, A4 print setup with one agent
 * per page, freeze panes, AutoFilter. The parts are written as SpreadsheetML text straight from the description
 * (xlsx/fast-write.ts, templates/render.ts `describeSheet`), without ExcelJS: building ExcelJS's cell objects for
 * a records sheet of 12,000 rows was most of `kpi-forms new`. The file is written whole or not at all, and an
 * existing file is never replaced unless asked.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { Problem } from '../core/problem';
import { WorkbookSpec } from '../templates/model';
import { workbookXlsx } from './fast-write';
import { X } from './messages';

export { xlsxFormula } from './formula';

/**
 * The spec as an ExcelJS workbook in memory (xlsx/exceljs-write.ts), loaded when called: writing a file does not
 * load ExcelJS.
 */
export function workbookToExcelJS(spec: WorkbookSpec): ExcelJS.Workbook {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./exceljs-write') as typeof import('./exceljs-write')).workbookToExcelJS(spec);
}

/** The .xlsx file of `spec` (fast-write.ts), with the creator and title ExcelJS's writer gave it. */
export async function workbookBuffer(spec: WorkbookSpec): Promise<Buffer> {
  return workbookXlsx(spec, { creator: 'kpi-forms', title: `KPI ${spec.month}` });
}

/**
 * Builds the .xlsx of `spec` and writes it to `outPath`: the whole file is built in memory, written to
 * a temporary file in the same folder and moved into place, so a failure never leaves a half-written
 * file, and the move never replaces an existing file unless `force` is set.
 * @param outPath the .xlsx path
 * @param opts.force replace `outPath` if it exists
 * @returns the bytes written
 * @throws Problem `xlsx.outputExists` (`out.xlsx: already exists; not overwritten (use --force to replace it)`),
 *   `xlsx.noFolder`, `xlsx.outputIsFolder`
 */
export async function writeWorkbookFile(spec: WorkbookSpec, outPath: string, opts: { force?: boolean } = {}): Promise<number> {
  const exists = () => fs.existsSync(outPath);
  if (exists() && !opts.force) throw outputExists(outPath);
  const dir = path.dirname(path.resolve(outPath));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Problem(X.noFolder, { file: outPath, dir });
  if (exists() && fs.statSync(outPath).isDirectory()) throw new Problem(X.outputIsFolder, { file: outPath });
  const buf = await workbookBuffer(spec);
  const tmp = path.join(dir, `.${path.basename(outPath)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  fs.writeFileSync(tmp, buf, { flag: 'wx' });
  try {
    if (opts.force) {
      fs.renameSync(tmp, outPath);
    } else {
      // link() fails if outPath appeared meanwhile: never overwrite without force
      try {
        fs.linkSync(tmp, outPath);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw outputExists(outPath);
        if (exists()) throw outputExists(outPath);
        fs.renameSync(tmp, outPath); // file systems without hard links
      }
    }
  } finally {
    if (fs.existsSync(tmp)) fs.unlinkSync(tmp);
  }
  return buf.length;
}

/** The output file exists and `force` was not given. */
export const outputExists = (outPath: string) => new Problem(X.outputExists, { file: outPath });
