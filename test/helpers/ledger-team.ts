/** A year of a team as a ledger (the ledger tests' data): 12 agents, 2023-12 and 2024-01…2024-06. */
import { Role } from '../../src/core/agent';
import { Ledger, LedgerRow, withQuarters } from '../../src/core/ledger';

/** A small seeded generator (the same ledger every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** A year of a team: 12 agents, months 2024-01…2024-06 plus 2023-12 (another year, left out of 2024's review). */
export function team(): Ledger {
  const r = rng(7);
  const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周杰', '吴霞', '徐强', '孙丽'];
  const agents = names.map((name, i) => ({
    id: `E${String(i + 1).padStart(2, '0')}`,
    name,
    role: (i < 7 ? 'pre-sales' : 'after-sales') as Role,
    group: i < 7 ? 'G1' : 'G2',
  }));
  const rows: LedgerRow[] = [];
  for (const month of ['2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']) {
    for (const role of ['pre-sales', 'after-sales'] as const) {
      const group = agents.filter((a) => a.role === role);
      // E01 and E08 lead every month, E07 trails the pre-sales; totals with two decimals, a red line now and then
      const totals = group.map((a) =>
        a.id === 'E01' || a.id === 'E08' ? 97 + r() * 2 : a.id === 'E07' ? 60 + r() * 5 : 70 + Math.round(r() * 2500) / 100,
      );
      const sorted = [...totals].sort((x, y) => y - x);
      group.forEach((a, i) => {
        const total = totals[i];
        const rank = sorted.indexOf(total) + 1;
        const bottomRank = [...sorted].reverse().indexOf(total) + 1;
        const redLines = role === 'pre-sales' && a.id !== 'E01' && r() < 0.08 ? 1 : 0;
        rows.push({
          month,
          ...a,
          items: role === 'pre-sales' ? { A: 100, B: 100, EX: 80 } : { S01: 100 },
          total,
          rank,
          bottomRank,
          bottom: bottomRank <= 2,
          redLines,
          pay: redLines > 0 ? 0 : Math.round(4 * total * 100) / 100,
          quarter: '',
          award: 0,
          flags: [...(redLines > 0 ? ['red-line'] : []), ...(bottomRank <= 2 ? ['last-two'] : [])],
          notice: `${month}-28`,
          inputs: 'EX=80',
          fingerprint: '0123456789ab',
        });
      });
    }
  }
  return { rows: withQuarters(rows, 300), closes: [], submitted: { '2024-01|E07': '2024-02-01' }, planDays: 7 };
}
