/**
 * The table of rules ↔ defined names: every field of `Rules` is written by the rules sheet under a
 * defined name and read back through `readRulesFromNames`; the names are the reader's.
 */
import { DEFAULT_RULES, Rules } from '../../src/core/rules';
import { RULE_NAMES as READER_RULE_NAMES } from '../../src/xlsx/reader';
import { WorkbookSpec, parseAddr } from '../../src/templates/model';
import { RULE_NAMES, RULE_TABLE, RuleLookup, readRulesFromNames } from '../../src/templates/rule-names';
import { buildWorkbook } from '../../src/templates/workbook';

/** A lookup over a spec's defined names and cells, as a reader over the saved file would see them. */
function specLookup(spec: WorkbookSpec): RuleLookup & { read: string[] } {
  const read: string[] = [];
  const cells = (name: string): Array<Array<string | number | boolean | null>> => {
    read.push(name);
    const dn = spec.names.find((n) => n.name === name);
    if (!dn) throw new Error(`no name ${name}`);
    const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(\$[A-Z]+\$\d+)(?::(\$[A-Z]+\$\d+))?$/.exec(dn.ref)!;
    const sheet = spec.sheets.find((s) => s.name === (m[1] ?? m[2]).replace(/''/g, "'"))!;
    const a = parseAddr(m[3]);
    const b = parseAddr(m[4] ?? m[3]);
    const out: Array<Array<string | number | boolean | null>> = [];
    for (let r = a.row; r <= b.row; r++) {
      const row: Array<string | number | boolean | null> = [];
      for (let c = a.col; c <= b.col; c++) {
        const cell = sheet.cells.find((x) => {
          const p = parseAddr(x.address);
          return p.row === r && p.col === c;
        });
        row.push(cell?.value ?? null);
      }
      out.push(row);
    }
    return out;
  };
  const num = (v: unknown) => {
    if (typeof v !== 'number') throw new Error(`not a number: ${String(v)}`);
    return v;
  };
  return {
    read,
    num: (name, opts) => {
      const v = cells(name)[0][0];
      return v === null && opts?.blank === 'null' ? null : num(v);
    },
    nums: (name, n) => {
      const flat = cells(name).flat();
      expect(flat).toHaveLength(n);
      return flat.map(num);
    },
    scale: <L extends string>(name: string, letters: readonly L[]) => {
      const rows = cells(name);
      expect(rows.map((r) => r[0])).toEqual(letters);
      return Object.fromEntries(rows.map((r) => [r[0], num(r[1])])) as Record<L, number>;
    },
    choice: <T extends string>(name: string, allowed: readonly T[]) => {
      const v = String(cells(name)[0][0]);
      if (!allowed.includes(v as T)) throw new Error(`${name}: "${v}" must be ${allowed.join(' or ')}`);
      return v as T;
    },
  };
}

/** A rule set with every field different from the defaults (hand-picked values). */
const CHANGED: Rules = {
  points: { ...DEFAULT_RULES.points, A01: 3, A11: 7, B06: 2.5, B13: 2, B12: 6 },
  b12First: 6,
  b12Next: 12,
  weightA: 0.5,
  weightB: 0.35,
  weightEX: 0.15,
  weightsS: { S01: 0.25, S02: 0.25, S03: 0.2, S04: 0.1, S05: 0.1, S06: 0.1 },
  gradeS03: { A: 95, B: 85, C: 55, D: 25, E: 1 },
  gradeS06: { A: 99, B: 79, C: 69, D: 49, E: 2 },
  satisfaction: { A: 4, B: 2, C: 1, D: -4 },
  satisfactionSample: 25,
  s04Points: 4,
  s05Points: 6,
  sp1Points: 3,
  sp1Cap: 21,
  sn1Points: 8,
  s01Cap: 120,
  payBase: 555,
  quarterAward: 321,
  bottomN: 3,
  quarterMode: 'rolling',
};

describe('rules ↔ defined names', () => {
  test.each(['zh', 'en'] as const)(
    'a workbook (%s) holds every rule: read back through its names, the rules are the ones it was built with',
    (lang) => {
      for (const rules of [DEFAULT_RULES, CHANGED]) {
        const spec = buildWorkbook({ month: '2024-03', agents: [], lang, rules });
        const lookup = specLookup(spec);
        expect(readRulesFromNames(lookup)).toEqual(rules);
        // it reads through the names the reader checks, and only those
        expect(new Set(lookup.read)).toEqual(new Set(RULE_NAMES.filter((n) => !['KPI_MONTH', 'KPI_LANG', 'KPI_MODE'].includes(n))));
      }
    },
  );

  test('each field of Rules alone changed comes back changed: no field is left to a default', () => {
    for (const key of Object.keys(DEFAULT_RULES) as Array<keyof Rules>) {
      const rules = { ...DEFAULT_RULES, [key]: CHANGED[key] } as Rules;
      // B12's points are its first time's (D2): they change with b12First only
      rules.points = { ...rules.points, B12: rules.b12First };
      const back = readRulesFromNames(specLookup(buildWorkbook({ month: '2024-03', agents: [], rules })));
      expect(back).toEqual(rules);
      expect(back[key]).not.toEqual(DEFAULT_RULES[key]);
    }
  });

  test('S01 cap: a blank cell is no cap', () => {
    const spec = buildWorkbook({ month: '2024-03', agents: [], rules: { ...DEFAULT_RULES, s01Cap: null } });
    expect(readRulesFromNames(specLookup(spec)).s01Cap).toBeNull();
  });

  test('the table covers every field of Rules (quarterMode as the metadata name KPI_QUARTER_MODE)', () => {
    const held = new Set(RULE_TABLE.flatMap((e) => e.holds));
    held.add('quarterMode');
    expect([...held].sort()).toEqual(Object.keys(DEFAULT_RULES).sort());
  });

  test('the names are the ones the reader requires today, and every one is defined by a built workbook', () => {
    expect([...RULE_NAMES].sort()).toEqual([...READER_RULE_NAMES].sort());
    const defined = buildWorkbook({ month: '2024-03', agents: [] }).names.map((n) => n.name);
    for (const n of RULE_NAMES) expect(defined).toContain(n);
    expect(new Set(defined).size).toBe(defined.length);
  });

  test('a bad quarter mode is the lookup’s error (the reader words it)', () => {
    const spec = buildWorkbook({ month: '2024-03', agents: [] });
    const mode = spec.names.find((n) => n.name === 'KPI_QUARTER_MODE')!;
    const rulesSheet = spec.sheets.find((s) => s.key === 'rules')!;
    const [, col, row] = /\$([A-Z]+)\$(\d+)$/.exec(mode.ref)!;
    const cell = rulesSheet.cells.find((c) => c.address === `${col}${row}`)!;
    cell.value = 'monthly';
    expect(() => readRulesFromNames(specLookup(spec))).toThrow('KPI_QUARTER_MODE: "monthly" must be calendar or rolling');
  });

  test('labels in both languages, and the sheet shows each name (column A) with its label (column B)', () => {
    for (const e of RULE_TABLE)
      for (const r of e.rows) for (const lang of ['zh', 'en'] as const) expect(r.label[lang].length).toBeGreaterThan(0);
    const spec = buildWorkbook({ month: '2024-03', agents: [], lang: 'en' });
    const sheet = spec.sheets.find((s) => s.key === 'rules')!;
    const a = sheet.cells.find((c) => c.value === 'PTS_A01')!;
    const row = parseAddr(a.address).row;
    expect(sheet.cells.find((c) => c.address === `B${row}`)!.value).toBe('A01 phone not answered within 3 rings (points each)');
    expect(spec.names.find((n) => n.name === 'PTS_A01')!.ref).toBe(`Rules!$C$${row}`);
  });
});
