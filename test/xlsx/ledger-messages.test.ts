/** xlsx/ledger-messages.ts (close, ledger, notice): every message sampled, its Chinese without English words, each language its own. */
import { MESSAGES } from '../../src/core/problem';
import '../../src/xlsx/ledger-messages';
import { LEDGER } from '../../src/xlsx/ledger-messages';
import { LEDGER_EXAMPLES } from '../helpers/ledger-message-samples';
import { KEPT_AS_IS, englishIn } from '../helpers/zh-words';

test('every ledger message has samples, and its Chinese wording has no English word', () => {
  const codes = [...MESSAGES.keys()].filter((c) => c.startsWith('ledger.'));
  expect(codes.sort()).toEqual([...new Set(LEDGER_EXAMPLES.map(([c]) => c))].sort());
  const keep = [
    ...KEPT_AS_IS,
    'kpi-forms close',
    'kpi-forms score',
    'kpi-forms',
    '--ledger',
    '--verify',
    '--reopen',
    '--reason',
    '--previous',
    '--notice',
    '--pdf',
    '--year',
    'WPS',
    'LibreOffice',
    'PATH',
    'soffice',
    'A4',
    'PDF',
    'YYYY-MM-DD',
    'KPI_LEDGER',
  ];
  for (const [code, p] of LEDGER_EXAMPLES) {
    const m = MESSAGES.get(code)!;
    expect([code, englishIn(m.zh(p), p, keep)]).toEqual([code, []]);
    expect(m.zh(p)).not.toBe(m.en(p));
  }
});

test('worded by hand', () => {
  expect(LEDGER.incomplete.zh({ file: 'm.xlsx', month: '2024-03', n: 2, ids: ['E01', 'E05'] })).toBe(
    'm.xlsx:2024-03 无法关账:2 人的结果未完成或有错误(E01、E05);请补全录入、重新计算并保存后再关账 (D11, D13)',
  );
  expect(LEDGER.reasonMissing.en()).toBe('--reopen needs --reason "…": why the closed month is reopened is kept in the ledger (D13)');
});
