/**
 * The workbook's languages and its sheets' default names in each (from the registry), for the readers
 * and the pane. Each sheet's own words are in its module (sheets/), the words several sheets show in
 * sheets/common.ts.
 */
export type { Lang } from './model';
export { SHEET_NAMES } from './registry';
