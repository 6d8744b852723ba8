/** The registry of sheet kinds: complete, each once, names Excel accepts, dependencies that resolve and match the formulas. */
import { sheetDeps } from '../../src/office/plan';
import { STRINGS } from '../../src/taskpane/strings';
import { Agent } from '../../src/templates/model';
import {
  SHEET_DEPS,
  SHEET_KEYS,
  SHEET_KINDS,
  SHEET_NAMES,
  INSERT_BUTTONS,
  buildOrder,
  isSheetKey,
  sheetKind,
} from '../../src/templates/registry';
import { SheetKind } from '../../src/templates/sheets/common';
import { buildWorkbook } from '../../src/templates/workbook';

const agents = (pre: number, after: number): Agent[] => [
  ...Array.from({ length: pre }, (_, i): Agent => ({ id: `P${i}`, name: `p${i}`, role: 'pre-sales', group: '' })),
  ...Array.from({ length: after }, (_, i): Agent => ({ id: `S${i}`, name: `s${i}`, role: 'after-sales', group: '' })),
];

describe('sheet kinds', () => {
  test('the nine sheets of DESIGN.md, each registered once, in tab order (summary first, the records after the forms, roster last)', () => {
    expect(SHEET_KEYS).toEqual(['summary', 'formA', 'formB', 'test', 'after', 'records', 'quarter', 'rules', 'roster']);
    expect(new Set(SHEET_KINDS.map((k) => k.key)).size).toBe(SHEET_KINDS.length);
    for (const key of SHEET_KEYS) expect(sheetKind(key).key).toBe(key);
    expect(isSheetKey('formA')).toBe(true);
    expect(isSheetKey('ledger')).toBe(false);
  });

  test.each(['zh', 'en'] as const)(
    'default names in %s: the familiar ones, within 31 characters, none of : \\ / ? * [ ], unique ignoring case',
    (lang) => {
      const names = SHEET_KEYS.map((k) => SHEET_NAMES[lang][k]);
      for (const n of names) {
        expect(n.length).toBeGreaterThan(0);
        expect(n.length).toBeLessThanOrEqual(31);
        expect(n).not.toMatch(/[:\\/?*[\]]/);
        expect(n).not.toMatch(/^'|'$/);
      }
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      // the names users and the tests know (forms.md / DESIGN.md)
      expect(SHEET_NAMES.zh.formA).toBe('表A-业务');
      expect(SHEET_NAMES.en.after).toBe('After-sales');
    },
  );

  test('a built workbook has the registry names, in the registry order', () => {
    for (const lang of ['zh', 'en'] as const) {
      const spec = buildWorkbook({ month: '2024-03', agents: agents(2, 2), lang });
      expect(spec.sheets.map((s) => [s.key, s.name])).toEqual(SHEET_KEYS.map((k) => [k, SHEET_NAMES[lang][k]]));
    }
  });

  test('every dependency is a registered kind, and the build order puts each kind after the kinds it waits for', () => {
    const order = buildOrder().map((k) => k.key);
    expect([...order].sort()).toEqual([...SHEET_KEYS].sort());
    for (const kind of SHEET_KINDS) {
      for (const dep of kind.refersTo) {
        expect(SHEET_KEYS).toContain(dep);
        expect(dep).not.toBe(kind.key);
        if (!sheetKind(dep).place) expect(order.indexOf(dep)).toBeLessThan(order.indexOf(kind.key));
      }
    }
    // the summary and the quarter refer to each other: the quarter places its cells first
    expect(sheetKind('summary').refersTo).toContain('quarter');
    expect(sheetKind('quarter').refersTo).toContain('summary');
  });

  test('buildOrder reports a cycle and an unregistered dependency', () => {
    const kind = (key: string, refersTo: string[]): SheetKind =>
      ({ key, words: { zh: { sheet: key }, en: { sheet: key } }, perAgent: null, refersTo, build: () => null }) as unknown as SheetKind;
    expect(() => buildOrder([kind('formA', ['formB']), kind('formB', ['formA'])])).toThrow(/cycle: formA → formB → formA/);
    expect(() => buildOrder([kind('formA', ['ledger'])])).toThrow(/"formA" refers to "ledger", which is not registered/);
  });

  test.each([
    [2, 2],
    [1, 0],
    [0, 1],
    [0, 0],
  ])(
    'with %i pre-sales and %i after-sales agents the formulas refer to no sheet beyond the declared dependencies (office/plan.ts sheetDeps)',
    (pre, after) => {
      for (const mode of ['kpi', 'plain'] as const) {
        const spec = buildWorkbook({ month: '2024-03', agents: agents(pre, after), mode });
        const found = sheetDeps(spec);
        for (const key of SHEET_KEYS) {
          const declared = SHEET_DEPS.get(key)!;
          for (const d of found.get(key)!) expect(declared).toContain(d);
          // with agents of both roles every declared dependency is used
          if (pre > 0 && after > 0) expect([...found.get(key)!].sort()).toEqual([...declared].sort());
        }
      }
    },
  );

  test('per agent: forms A, B and the test hold the pre-sales agents, the after-sales form the after-sales agents', () => {
    const spec = buildWorkbook({ month: '2024-03', agents: agents(2, 3) });
    for (const kind of SHEET_KINDS) {
      const sheet = spec.sheets.find((s) => s.key === kind.key)!;
      const holders = spec.layout
        .filter((l) => [...Object.values(l.inputs), ...Object.values(l.outputs), l.formCell].some((c) => c.sheet === sheet.name))
        .map((l) => l.agent.role);
      if (kind.perAgent === 'pre-sales' || kind.perAgent === 'after-sales') expect(new Set(holders)).toEqual(new Set([kind.perAgent]));
      if (kind.perAgent === 'all' && kind.key !== 'roster') expect(new Set(holders)).toEqual(new Set(['pre-sales', 'after-sales']));
      if (kind.perAgent === null) expect(holders).toEqual([]);
    }
  });

  test('the pane’s insert buttons: registered kinds, each once, labelled in both of the pane’s languages', () => {
    expect(INSERT_BUTTONS).toEqual(['formA', 'formB', 'test', 'after', 'summary', 'rules']);
    for (const key of INSERT_BUTTONS) {
      expect(isSheetKey(key)).toBe(true);
      for (const lang of ['zh', 'en'] as const) expect(STRINGS[lang].insertSheet[key]).toBeTruthy();
    }
    expect(STRINGS.zh.insertSheet.formA).toBe('插入表A');
    expect(STRINGS.en.insertSheet.rules).toBe('Insert / open rules');
  });
});
