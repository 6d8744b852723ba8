/**
 * The error every input problem is reported with (roster, entries, call log, a filled workbook's
 * cells), in its own module so that the CSV reader and the sniffer can throw it without importing the
 * value rules of records.ts. records.ts re-exports it, where the rest of the code imports it from.
 */

/**
 * A problem in an input file or in a filled workbook. `message` always names the file and the
 * 1-based CSV row or the cell, and the rule broken, e.g.
 * `entries.csv row 7: A03 count "-1" must be a whole number ≥ 0 (D4)`.
 * `issues` holds every problem found in the file when more than one was collected (first = message).
 */
export class InputError extends Error {
  readonly issues: string[];
  constructor(message: string, issues?: string[]) {
    const all = issues && issues.length > 0 ? issues : [message];
    super(all.length > 1 ? `${all[0]} (and ${all.length - 1} more problem${all.length > 2 ? 's' : ''} in the same file)` : all[0]);
    this.name = 'InputError';
    this.issues = all;
  }
}
