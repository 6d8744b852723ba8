/** Seeded random records (D12) for a random month: valid rows of every status, month-level rows, and rows that break a rule. */
import { KpiRecord, RECORD_CODES } from '../../src/core/records';
import { RandomMonth, rng } from './random';

/**
 * About `perAgent` records per agent of its kind's record codes, dated in the month or month-level, statuses blank,
 * disputed, upheld and withdrawn; and a few rows the records sheet flags (an id not in the roster, a code of the
 * other kind, a date outside the month, a bad count, an unknown status), which count for nothing anywhere.
 */
export function randomRecords(seed: number, rm: RandomMonth, month: string, perAgent = 4): KpiRecord[] {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const day = (d: number) => `${month}-${String(d).padStart(2, '0')}`;
  const out: KpiRecord[] = [];
  for (const a of rm.agents) {
    const n = int(0, perAgent * 2);
    for (let k = 0; k < n; k++) {
      const code = pick(RECORD_CODES[a.role].filter((c) => c !== 'S01' && c !== 'S02'));
      const count = code === 'B06' ? int(0, 4) / 2 : code === 'B13' ? int(0, 5) : int(0, 3);
      const status = pick(['', '', '', 'disputed', 'upheld', 'withdrawn']);
      out.push({
        date: r() < 0.2 ? '' : day(int(1, 28)),
        id: r() < 0.1 ? a.id.toLowerCase() : a.id,
        code,
        count,
        evidence: `call ${k}`,
        by: 'sup',
        status,
      });
    }
  }
  const someone = rm.agents[0];
  const bad: KpiRecord[] = [
    { date: day(3), id: 'nobody', code: 'A01', count: 1, evidence: '', by: '', status: '' },
    { date: day(3), id: someone.id, code: someone.role === 'pre-sales' ? 'S04' : 'A01', count: 1, evidence: '', by: '', status: '' },
    {
      date: `${month === '2015-01' ? '2014-12' : '2015-01'}-31`,
      id: someone.id,
      code: RECORD_CODES[someone.role][3],
      count: 1,
      evidence: '',
      by: '',
      status: '',
    },
    { date: day(4), id: someone.id, code: RECORD_CODES[someone.role][2], count: -1, evidence: '', by: '', status: '' },
    { date: day(4), id: someone.id, code: RECORD_CODES[someone.role][2], count: 1.5, evidence: '', by: '', status: 'disputed' },
    { date: day(5), id: someone.id, code: RECORD_CODES[someone.role][2], count: 1, evidence: '', by: '', status: '?maybe' },
  ];
  // the bad rows among the others, at places of the seed's choosing
  for (const b of bad) out.splice(int(0, out.length), 0, b);
  return out;
}
