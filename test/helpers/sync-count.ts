/**
 * How many `context.sync` calls (and operations, and request bytes) one insertion of the Office.js
 * writer makes, measured on the strict fake Excel (test/helpers/fakeExcel.ts). Used by the writer's
 * tests and by `npm run bench` (scripts/bench.ts): `countSyncs(80, 'summary')`.
 */
import { Agent } from '../../src/templates/model';
import { buildWorkbook } from '../../src/templates/workbook';
import { SheetKey } from '../../src/templates/model';
import { insertIntoWorkbook, requestBudgetFor } from '../../src/office/writer';
import { checkSupport } from '../../src/office/requirements';
import { FakeHost, FakeWorkbook, HOSTS } from './fakeExcel';
import { isSetSupported } from './fake-excel/hosts';
import type { KpiRecord } from '../../src/core/records';

/** `n` agents, alternating pre-sales and after-sales (1 agent: one pre-sales). */
export function sampleAgents(n: number): Agent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `E${String(i + 1).padStart(3, '0')}`,
    name: `Agent ${i + 1}`,
    role: i % 2 === 0 ? 'pre-sales' : 'after-sales',
    group: `G${Math.floor(i / 8) + 1}`,
  }));
}

export type Insertion = 'formA' | 'formB' | 'after' | 'summary' | 'records' | 'all';

export interface InsertionMeasure {
  syncs: number;
  ops: number;
  /** request bytes (UTF-8) of the largest sync */
  maxSyncBytes: number;
  /** request bytes of each sync */
  payloads: number[];
  sheets: string[];
  cells: number;
}

/**
 * Inserts one form (with what it needs, e.g. the rules sheet) for `agents` agents into a fresh fake
 * workbook of `host` (default Microsoft 365 on Windows) and measures it, with the features and request
 * budget the pane uses there. For the after-sales form every agent is after-sales.
 */
export async function measureInsertion(
  agents: number,
  form: Insertion,
  mode: 'kpi' | 'plain' = 'kpi',
  host: FakeHost = HOSTS['m365-windows'],
  records = 0,
): Promise<InsertionMeasure> {
  const list = form === 'after' ? sampleAgents(agents).map((a) => ({ ...a, role: 'after-sales' as const })) : sampleAgents(agents);
  const spec = buildWorkbook({ month: '2024-03', agents: list, mode, lang: 'zh', records: sampleRecords(list, records) });
  const wb = new FakeWorkbook(undefined, host);
  const sheets: SheetKey[] | undefined = form === 'all' ? undefined : [form];
  const features = checkSupport((set, v) => isSetSupported(host, set, v)).features;
  const r = await insertIntoWorkbook(spec, { sheets, run: wb.run, features, requestBudget: requestBudgetFor(host.platform) });
  if (r.syncs !== wb.stats.syncs) throw new Error(`writer counted ${r.syncs} syncs, the fake saw ${wb.stats.syncs}`);
  const payloads = wb.stats.payloads;
  return { syncs: wb.stats.syncs, ops: wb.stats.ops, maxSyncBytes: Math.max(...payloads), payloads, sheets: r.sheets, cells: r.cells };
}

/**
 * `n` records of March 2024 spread over the agents (a code of each one's kind, every 5th month-level, the statuses
 * in turn, a call id and time as evidence): a month of a supervisor's records is 12,000 for 80 agents (issue 9).
 */
export function sampleRecords(agents: readonly Agent[], n: number): KpiRecord[] {
  const statuses = ['', '', '', 'disputed', 'upheld', 'withdrawn'] as const;
  return Array.from({ length: agents.length ? n : 0 }, (_, k) => {
    const a = agents[k % agents.length];
    return {
      date: k % 5 === 0 ? '' : `2024-03-${String((k % 28) + 1).padStart(2, '0')}`,
      id: a.id,
      code: a.role === 'pre-sales' ? ['A01', 'A06', 'B06'][k % 3] : ['S04', 'S05', 'A01'][k % 3],
      count: 1,
      evidence: `call 2024030${100000 + k} 10:${String(k % 60).padStart(2, '0')}`,
      by: `sup${k % 3}`,
      status: statuses[k % 6],
    };
  });
}

/** `context.sync` calls of one insertion of `form` for `agents` agents (the benchmark's figure). */
export async function countSyncs(agents: number, form: string): Promise<number> {
  return (await measureInsertion(agents, form as Insertion)).syncs;
}
