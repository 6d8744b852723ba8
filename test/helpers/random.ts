/** Seeded random inputs for property tests (mulberry32: the same seed gives the same cases everywhere). */
import { Agent } from '../../src/templates/model';
import type { KpiRecord } from '../../src/core/records';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomMonth {
  agents: Agent[];
  inputs: Record<string, Record<string, number | string>>;
  history: Record<string, Record<string, { rank?: number; bottomRank?: number; redLines?: number }>>;
  /** the month's records (D12), when the case has any (helpers/random-records.ts) */
  records?: KpiRecord[];
}

const A_CODES = ['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10', 'A11'];
const B_CODES = ['B01', 'B02', 'B03', 'B04', 'B05', 'B07', 'B08', 'B09', 'B10', 'B11', 'B12'];

/** `n` agents with random, valid inputs (some blank, some incomplete, ties likely) and random quarter history. */
export function randomMonth(seed: number, n: number, otherMonths: string[]): RandomMonth {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const agents: Agent[] = [];
  const inputs: RandomMonth['inputs'] = {};
  const history: RandomMonth['history'] = {};
  for (let i = 0; i < n; i++) {
    const id = `R${seed}-${i + 1}`;
    const role = r() < 0.5 ? 'pre-sales' : 'after-sales';
    agents.push({ id, name: pick(['张三', 'Li Si', '=cmd', '+86 138', '@home', 'Ann']) + i, role, group: pick(['G1', 'G2']) });
    const inp: Record<string, number | string> = {};
    if (role === 'pre-sales') {
      for (const c of A_CODES) if (r() < 0.5) inp[c] = int(0, 4);
      for (const c of B_CODES) if (r() < 0.4) inp[c] = int(0, 3);
      if (r() < 0.4) inp.B06 = int(0, 6) / 2;
      if (r() < 0.2) inp.B13 = int(0, 10);
      if (r() < 0.05) inp[pick(['AR1', 'AR2'])] = 1;
      if (r() < 0.9) inp.EX = r() < 0.5 ? int(0, 100) : int(0, 200) / 2;
    } else {
      if (r() < 0.93) inp.S01 = int(0, 80);
      if (r() < 0.93) inp.S02 = Array.from({ length: int(1, 24) }, () => pick(['A', 'B', 'C', 'D', 'a', 'b'])).join('');
      if (r() < 0.95) inp.S03 = pick(['A', 'B', 'C', 'D', 'E', 'b', 'c']);
      if (r() < 0.6) inp.S04 = int(0, 25);
      if (r() < 0.6) inp.S05 = int(0, 6);
      if (r() < 0.95) inp.S06 = pick(['A', 'B', 'C', 'D', 'E', 'a']);
      if (r() < 0.4) inp.SP1 = int(0, 9);
      if (r() < 0.4) inp.SN1 = int(0, 4);
    }
    inputs[id] = inp;
    if (r() < 0.6) {
      history[id] = {};
      for (const m of otherMonths) {
        const rec = { rank: r() < 0.5 ? 1 : int(1, 5), bottomRank: r() < 0.5 ? 1 : int(1, 5), redLines: r() < 0.1 ? 1 : 0 };
        // now and then a month's cell left blank (a blank reaches a custom function as 0 on Excel desktop)
        if (r() < 0.15) delete rec[pick(['rank', 'bottomRank', 'redLines'] as const)];
        history[id][m] = rec;
      }
    }
  }
  // at least one after-sales agent with tickets, so the S01 average is not 0 (D5 is tested on its own)
  const firstAfter = agents.find((a) => a.role === 'after-sales');
  if (firstAfter) inputs[firstAfter.id].S01 = int(10, 50);
  return { agents, inputs, history };
}
