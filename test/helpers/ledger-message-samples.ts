/** Sample parameters of every message of xlsx/ledger-messages.ts (scope `ledger`), one set per branch of a wording. */
import { Params } from '../../src/core/problem';

const FM = { file: 'm.xlsx', month: '2024-03' };
export const LEDGER_EXAMPLES: Array<[string, Params]> = (
  [
    ['notLedger', { file: 'l.xlsx' }],
    ['ledgerIsMonth', { file: 'l.xlsx' }],
    ['monthIsLedger', { file: 'm.xlsx' }],
    ['ledgerLocked', { file: 'l.xlsx', lock: '~$l.xlsx' }],
    ['ledgerReadOnly', { file: 'l.xlsx' }],
    ['ledgerBadCell', { file: 'l.xlsx', sheet: '台账', cell: 'A7', found: '"x"', expected: '月份(YYYY-MM)' }],
    ['incomplete', { ...FM, n: 2, ids: ['E01', 'E05'] }],
    ['incomplete', { ...FM, n: 7, ids: ['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07'] }],
    ['disputed', { ...FM, n: 1, ids: ['E01'] }],
    ['disputed', { ...FM, n: 3, ids: ['E01', 'E02'] }],
    ['recordFaults', { ...FM, n: 2 }],
    ['mismatches', { ...FM, n: 1 }],
    ['alreadyClosed', { ...FM, ledger: 'ledger.xlsx', on: '2024-04-02' }],
    ['notClosed', { ledger: 'ledger.xlsx', month: '2024-05', months: ['2024-03', '2024-04'] }],
    ['notClosed', { ledger: 'ledger.xlsx', month: '2024-05', months: [] }],
    ['reasonMissing', {}],
    ['reasonWithoutReopen', {}],
    ['otherRoster', { file: 'm.xlsx', ledger: 'ledger.xlsx', id: '', was: '', is: '' }],
    ['otherRoster', { file: 'm.xlsx', ledger: 'ledger.xlsx', id: 'E01', was: '张三', is: 'Zed' }],
    ['badDay', { option: '--notice', value: '2024-02-30' }],
    ['closed', { ...FM, ledger: 'ledger.xlsx', agents: 80, plans: 4, notice: '2024-04-02', due: '2024-04-09' }],
    ['reopened', { ledger: 'ledger.xlsx', month: '2024-03', reason: '申诉已裁定' }],
    ['created', { ledger: 'ledger.xlsx' }],
    ['quarterDiffers', { ...FM, id: 'E01', sheet: '', ledger: 'award' }],
    ['verifySame', { ...FM, ledger: 'ledger.xlsx' }],
    ['verifyChange', { ...FM, id: 'E01', what: 'agent', was: '', now: '张三' }],
    ['verifyChange', { ...FM, id: 'E01', what: 'agent', was: '张三', now: '' }],
    ['verifyChange', { ...FM, id: '', what: 'inputs', was: '0123456789ab', now: 'ba9876543210' }],
    ['verifyChange', { ...FM, id: 'E01', what: 'EX', was: '90', now: '91' }],
    ['verifyChange', { ...FM, id: 'E01', what: 'A02', was: '', now: '1' }],
    ['verifyChanges', { ...FM, ledger: 'ledger.xlsx', n: 2 }],
    ['wroteNotice', { out: 'notice.xlsx', month: '2024-03' }],
    ['wrotePdf', { out: 'notice.pdf' }],
    ['noLibreOffice', { out: 'notice.xlsx' }],
    ['pdfFailed', { out: 'notice.xlsx', detail: 'exit 1' }],
    ['badYear', { value: '24' }],
  ] as Array<[string, Params]>
).map(([k, p]): [string, Params] => [`ledger.${k}`, p]);
