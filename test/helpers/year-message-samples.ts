/** Sample parameters of every message of office/year-messages.ts (scope `year`), one set per branch of a wording. */
import { Params } from '../../src/core/problem';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `E0${i + 1}`);
export const YEAR_EXAMPLES: Array<[string, Params]> = (
  [
    ['incomplete', { month: '2024-03', n: 1, ids: ['E01'] }],
    ['incomplete', { month: '2024-03', n: 9, ids: ids(9) }],
    ['disputed', { month: '2024-03', n: 1, ids: ['E01'] }],
    ['disputed', { month: '2024-03', n: 6, ids: ids(6) }],
    ['recordFaults', { month: '2024-03', n: 1, rows: ['14'] }],
    ['recordFaults', { month: '2024-03', n: 7, rows: ['3', '4', '5', '6', '7', '8', '9'] }],
    ['mismatches', { month: '2024-03', n: 1, cells: ['汇总!H6'] }],
    ['mismatches', { month: '2024-03', n: 12, cells: ['Summary!H6', 'Summary!H7', 'Summary!A6', 'Form A!F20', 'Form B!F19'] }],
    ['alreadyClosed', { month: '2024-03', sheet: '台账', on: '2024-04-02' }],
    ['alreadyClosed', { month: '2024-03', sheet: 'Ledger', on: '' }],
    ['notClosed', { month: '2024-03' }],
    ['reasonMissing', { month: '2024-03' }],
    ['otherRoster', { id: 'E01', was: '张三', is: 'Zed' }],
    ['otherRoster', { id: '', was: '', is: '' }],
    ['notMonthWorkbook', {}],
    ['yearChanged', { sheets: ['台账', '整改方案'] }],
    ['ledgerEdited', { sheet: '台账', cell: 'Q7' }],
  ] as Array<[string, Params]>
).map(([k, p]) => [`year.${k}`, p]);
