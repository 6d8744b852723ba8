/**
 * Excel on Windows passes a blank cell inside a range argument to a custom function as 0, the web as null
 * (office-js #5262, #1951; ../shared/spec/excel-facts.md): a function cannot tell a blank from 0 there. So in
 * every `=KPI.…` workbook, no reference argument may cover a cell that can be blank (no cell, an empty value,
 * or an input a user can clear) unless its parameter is `blankIsZero` (the function reads blank and 0 alike:
 * functions.test.ts checks that flag cell by cell). Zh and en, 1, 80 and 500 agents.
 */
import { KPI, KpiName } from '../src/core/kpi';
import { CellSpec, WorkbookSpec, parseAddr } from '../src/templates/model';
import { buildWorkbook, colName, quarterMonths } from '../src/templates/workbook';
import { randomMonth } from './helpers/random';

/** Cells a user fills in (their value can be cleared at any time). */
const INPUT_STYLES = new Set(['input', 'inputText', 'rule']);

/** Each `KPI.NAME(…)` call in a formula, its arguments as text (split at top-level commas; quoted text and sheet names kept whole). */
function kpiCalls(formula: string): Array<{ name: KpiName; args: string[] }> {
  const calls: Array<{ name: KpiName; args: string[] }> = [];
  const re = /KPI\.([A-Z]+)\(/g;
  for (let m = re.exec(formula); m; m = re.exec(formula)) {
    const args: string[] = [];
    let depth = 0;
    let start = m.index + m[0].length;
    for (let i = start; i < formula.length; i++) {
      const ch = formula[i];
      if (ch === '"' || ch === "'") i = formula.indexOf(ch, i + 1);
      else if (ch === '(') depth++;
      else if (ch === ',' && depth === 0) {
        args.push(formula.slice(start, i));
        start = i + 1;
      } else if (ch === ')' && depth-- === 0) {
        args.push(formula.slice(start, i));
        break;
      }
    }
    calls.push({ name: m[1] as KpiName, args });
  }
  return calls;
}

const REF =
  /^(?:'([^']+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$|^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/;

/** The cells (sheet, address) an argument refers to: a reference or a defined name; [] for an expression or a literal. */
function referred(spec: WorkbookSpec, sheet: string, arg: string): Array<[string, string]> {
  const named = spec.names.find((n) => n.name === arg);
  const m = REF.exec(named ? named.ref : arg);
  if (!m) return [];
  const sh = m[1] ?? m[2] ?? sheet;
  const [c1, r1, c2, r2] = m[3] ? [m[3], m[4], m[5], m[6]] : [m[7], m[8], m[9], m[10]];
  const from = parseAddr(`${c1}${r1}`);
  const to = parseAddr(`${c2 ?? c1}${r2 ?? r1}`);
  const out: Array<[string, string]> = [];
  for (let r = from.row; r <= to.row; r++) for (let c = from.col; c <= to.col; c++) out.push([sh, `${colName(c)}${r}`]);
  return out;
}

const mayBeBlank = (c: CellSpec | undefined) =>
  !c || (c.formula === undefined && (c.value === null || c.value === undefined || c.value === '' || INPUT_STYLES.has(c.style)));

/** Every argument of a `=KPI.…` call that can hold a blank cell where its parameter does not read blank as 0. */
function blankRisks(spec: WorkbookSpec): { calls: number; risks: string[] } {
  const cell = new Map<string, CellSpec>();
  for (const s of spec.sheets) for (const c of s.cells) cell.set(`${s.name}!${c.address}`, c);
  let calls = 0;
  const risks: string[] = [];
  for (const s of spec.sheets) {
    for (const c of s.cells) {
      for (const { name, args } of kpiCalls(c.formula ?? '')) {
        calls++;
        const params = KPI[name].params;
        expect(args.length).toBeLessThanOrEqual(params.length);
        args.forEach((arg, i) => {
          if (params[i].blankIsZero) return;
          const blank = referred(spec, s.name, arg.trim()).filter(([sh, a]) => mayBeBlank(cell.get(`${sh}!${a}`)));
          if (blank.length)
            risks.push(
              `${s.name}!${c.address} KPI.${name} ${params[i].name}=${arg}: ${blank.length} cell(s) can be blank, e.g. ${blank[0].join('!')}`,
            );
        });
      }
    }
  }
  return { calls, risks };
}

describe.each([1, 80, 500])('%i agents', (n) => {
  const month = '2016-05';
  const rm = randomMonth(
    7000 + n,
    n,
    quarterMonths(month, 'calendar').filter((m) => m !== month),
  );
  test.each(['zh', 'en'] as const)('%s: no =KPI.… reference argument can hold a blank where blank ≠ 0', (lang) => {
    const spec = buildWorkbook({ month, agents: rm.agents, inputs: rm.inputs, history: rm.history, mode: 'kpi', lang });
    const { calls, risks } = blankRisks(spec);
    expect(calls).toBeGreaterThanOrEqual(n * 4);
    expect(risks).toEqual([]);
  });
});

test('the check finds a blank in a range: the one-cell-per-17-row-block ticket column Excel desktop averaged as 0s', () => {
  const agents = ['s1', 's2'].map((id) => ({ id, name: id, role: 'after-sales' as const, group: 'G' }));
  const spec = buildWorkbook({ month: '2016-05', agents, inputs: {}, mode: 'kpi' });
  const after = spec.sheets.find((s) => s.key === 'after')!;
  const f = after.cells.find((c) => c.formula?.includes('KPI.VOLUME'))!;
  const sparse = f.formula!.replace(/(\$I\$1:\$I\$)\d+/, '$134');
  after.cells.push({ ...f, address: 'K1', formula: sparse });
  expect(blankRisks(spec).risks).toEqual([expect.stringMatching(/^.+!K1 KPI\.VOLUME all=.*\$I\$1:\$I\$34: 32 cell\(s\) can be blank/)]);
});
