/**
 * Which Office.js requirement sets the writer uses, and what it does without them. The task pane checks
 * them with `Office.context.requirements.isSetSupported` and says which set is missing and what still works.
 *
 * | API used | set |
 * |---|---|
 * | worksheets.add/getItem, Worksheet.activate, Range.formulas/values/numberFormat/format (font, fill, borders, alignment, wrap)/select/load/clear, names.load (name, value) | ExcelApi 1.1 |
 * | Range.merge/unmerge/columnHidden/rowHidden, format.columnWidth/rowHeight, format.protection.locked, worksheet.protection.protect/unprotect, Worksheet.visibility (set), getUsedRange(valuesOnly) | ExcelApi 1.2 |
 * | workbook.names.add, NamedItem.delete | ExcelApi 1.4 |
 * | conditionalFormats.add(custom), conditionalFormats.clearAll (replacing a sheet) | ExcelApi 1.6 |
 * | freezePanes.freezeRows/unfreeze, protection option selectionMode, format.useStandardWidth/useStandardHeight (replacing a sheet) | ExcelApi 1.7 |
 * | range.dataValidation (rule, prompt, errorAlert, clear) | ExcelApi 1.8 |
 * | worksheet.getRanges (RangeAreas), worksheet.pageLayout (A4, orientation, print area, titles, zoom, margins), horizontalPageBreaks.add, horizontal/verticalPageBreaks.removePageBreaks (replacing a sheet) | ExcelApi 1.9 |
 * | worksheet.autoFilter.apply/remove (the summary's agents by group) | ExcelApi 1.9 |
 * | Range.copyFrom (formulas): a column of formulas that are one formula moved down (records) sent once | ExcelApi 1.9 |
 * | RangeAreas.select (the chosen agents' pages, several areas, selected at once) | ExcelApi 1.18 |
 * | `=KPI.…` formulas (custom functions returning `new CustomFunctions.Error(code, message)` with the 1.3 error codes) | CustomFunctionsRuntime 1.3 |
 *
 * The manifest declares ExcelApi 1.4 (MIN_EXCEL_API), CustomFunctionsRuntime 1.3 and SharedRuntime 1.1; every
 * member above them is a gate: a `WriterFeatures` flag, checked against the set and version of its
 * REQUIREMENTS entry. test/requirement-sets.test.ts reads the `[Api set: …]` annotation of every Office.js
 * member the code uses (scripts/requirement-sets.ts) and fails when one above the manifest's sets is not
 * written behind its flag (`if (f.flag) …`, `f.flag && …`, `f.flag ? … : …`, or a function only called
 * that way), with a flag whose set is at least the member's.
 */

/** What the writer may use; each false skips or replaces one group of operations. */
export interface WriterFeatures {
  /** ExcelApi 1.9: formats and validation through `getRanges` (few operations); else one range per rectangle */
  rangeAreas: boolean;
  /** ExcelApi 1.9: A4, orientation, print area and titles, one agent per printed page */
  pageLayout: boolean;
  /** ExcelApi 1.8: data validation with prompt and error alert on input cells */
  dataValidation: boolean;
  /** ExcelApi 1.7: frozen header rows; protection that keeps cell selection normal; a replaced sheet's panes, widths and heights reset */
  freezePanes: boolean;
  /** ExcelApi 1.6: conditional highlighting (red lines, last two) */
  conditionalFormats: boolean;
  /** ExcelApi 1.9: the summary's AutoFilter (its agents by group); else the table without filter buttons */
  autoFilter: boolean;
  /**
   * ExcelApi 1.18: RangeAreas.select, all chosen agents' pages selected at once (Print Selection prints
   * them); else only the first chosen agent's page (Range.select, ExcelApi 1.1). Excel 2024 LTSC has 1.17.
   */
  selectAreas: boolean;
  /**
   * ExcelApi 1.9: Range.copyFrom — a column whose formulas are its first one moved down (`CellSpec.shares`, the
   * records' checks) is sent as that first row and filled by Excel (12,000 records: ~12 MB less in the request);
   * else every row's formula is sent (more requests on a host with a request limit). Nothing is lost either way.
   */
  copyFrom: boolean;
}

export const ALL_FEATURES: WriterFeatures = {
  rangeAreas: true,
  pageLayout: true,
  dataValidation: true,
  freezePanes: true,
  conditionalFormats: true,
  autoFilter: true,
  selectAreas: true,
  copyFrom: true,
};

/** The set inserting needs at least (names.add). */
export const MIN_EXCEL_API = '1.4';

export interface RequirementCheck {
  set: 'ExcelApi' | 'CustomFunctionsRuntime';
  version: string;
  /** which feature of `WriterFeatures` it enables, or `insert` (required) / `kpiFormulas` */
  feature: keyof WriterFeatures | 'insert' | 'kpiFormulas';
}

/** Every set the add-in checks, lowest first. */
export const REQUIREMENTS: readonly RequirementCheck[] = [
  { set: 'ExcelApi', version: MIN_EXCEL_API, feature: 'insert' },
  { set: 'ExcelApi', version: '1.6', feature: 'conditionalFormats' },
  { set: 'ExcelApi', version: '1.7', feature: 'freezePanes' },
  { set: 'ExcelApi', version: '1.8', feature: 'dataValidation' },
  { set: 'ExcelApi', version: '1.9', feature: 'rangeAreas' },
  { set: 'ExcelApi', version: '1.9', feature: 'pageLayout' },
  { set: 'ExcelApi', version: '1.9', feature: 'autoFilter' },
  { set: 'ExcelApi', version: '1.9', feature: 'copyFrom' },
  { set: 'ExcelApi', version: '1.18', feature: 'selectAreas' },
  { set: 'CustomFunctionsRuntime', version: '1.3', feature: 'kpiFormulas' },
];

/** What the host supports: the writer's features, whether it can insert at all, whether `=KPI.…` works, and what is missing. */
export interface HostSupport {
  features: WriterFeatures;
  canInsert: boolean;
  kpiFormulas: boolean;
  missing: RequirementCheck[];
}

/**
 * Checks every requirement set with `isSetSupported` (normally `Office.context.requirements.isSetSupported`).
 * A checker that throws counts as "not supported"; no checker at all (an unknown host) counts as supported.
 */
export function checkSupport(isSetSupported?: (set: string, version: string) => boolean): HostSupport {
  const ok = (r: RequirementCheck) => {
    if (!isSetSupported) return true;
    try {
      return !!isSetSupported(r.set, r.version);
    } catch {
      return false;
    }
  };
  const missing = REQUIREMENTS.filter((r) => !ok(r));
  const has = (f: RequirementCheck['feature']) => !missing.some((r) => r.feature === f);
  return {
    features: {
      rangeAreas: has('rangeAreas'),
      pageLayout: has('pageLayout'),
      dataValidation: has('dataValidation'),
      freezePanes: has('freezePanes'),
      conditionalFormats: has('conditionalFormats'),
      autoFilter: has('autoFilter'),
      selectAreas: has('selectAreas'),
      copyFrom: has('copyFrom'),
    },
    canInsert: has('insert'),
    kpiFormulas: has('kpiFormulas'),
    missing,
  };
}
