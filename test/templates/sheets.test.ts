/**
 * The sheet modules' seams: the cell writer, the offers between sheets (each offered cell is where its
 * sheet put it), and a kind built without the kinds it refers to.
 */
import { DEFAULT_RULES } from '../../src/core/rules';
import { Agent, AgentLayout, sheetRef } from '../../src/templates/model';
import { sheetKind } from '../../src/templates/registry';
import { BuildContext, OfferBook, Sheet } from '../../src/templates/sheets/common';
import { parseQuarterInputCode, quarterInputCode } from '../../src/templates/sheets/quarter';
import { buildWorkbook } from '../../src/templates/workbook';

const roster: Agent[] = [
  { id: 'S1', name: 'Sam', role: 'after-sales', group: '' },
  { id: 'P1', name: 'Pat', role: 'pre-sales', group: '' },
  { id: 'P2', name: 'Lee', role: 'pre-sales', group: '' },
  { id: 'S2', name: 'Kim', role: 'after-sales', group: '' },
];

const qualified = (c: { sheet: string; address: string }) => `${sheetRef(c.sheet)}!${c.address.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2')}`;

function context(): BuildContext {
  const layout = new Map<string, AgentLayout>(
    roster.map((a) => [a.id, { agent: a, inputs: {}, outputs: {}, formCell: { sheet: '', address: 'A1' } }]),
  );
  return {
    month: '2024-03',
    lang: 'en',
    mode: 'plain',
    rules: DEFAULT_RULES,
    agents: roster,
    records: [],
    preSales: roster.filter((a) => a.role === 'pre-sales'),
    afterSales: roster.filter((a) => a.role === 'after-sales'),
    input: () => undefined,
    history: () => undefined,
    layoutOf: (id) => layout.get(id)!,
    names: [],
    offers: new OfferBook(),
  };
}

describe('Sheet', () => {
  test('setting a cell twice replaces it in place; a styled merge fills the covered cells; references are absolute and quoted', () => {
    const sh = new Sheet('formA', "Bob's form", [5]);
    sh.set(1, 1, 'text', { value: 'a' });
    sh.set(1, 2, 'text', { value: 'b' });
    sh.set(1, 1, 'score', { formula: 'SUM(B1)' });
    expect(sh.spec.cells).toEqual([
      { address: 'A1', style: 'score', formula: 'SUM(B1)' },
      { address: 'B1', style: 'text', value: 'b' },
    ]);
    sh.merge(2, 1, 3, 2, 'header');
    expect(sh.spec.merges).toEqual(['A2:B3']);
    expect(sh.spec.cells.map((c) => c.address)).toEqual(['A1', 'B1', 'B2', 'A3', 'B3']);
    expect(sh.q('C7')).toBe("'Bob''s form'!$C$7");
    expect(sh.range(1, 9, 4, 9)).toBe("'Bob''s form'!$I$1:$I$4");
    expect(sh.at('C7')).toEqual({ sheet: "Bob's form", address: 'C7' });
  });
});

describe('offers between sheets', () => {
  test('a kind built before the kinds it refers to fails, naming the missing kind', () => {
    const ctx = context();
    expect(() => sheetKind('formB').build(ctx, 'Form B')).toThrow('sheet kind "formA" has offered no cells yet');
    expect(() => sheetKind('summary').build(ctx, 'Summary')).toThrow('sheet kind "formA" has offered no cells yet');
  });

  test('the quarter places its cells before it is built, and builds them there', () => {
    const ctx = context();
    sheetKind('quarter').place!(ctx, 'Quarter');
    const placed = ctx.offers.get('quarter');
    // pre-sales first, then after-sales, each in roster order, from row 5
    expect([...placed].map(([id, c]) => [id, c.row])).toEqual([
      ['P1', 5],
      ['P2', 6],
      ['S1', 7],
      ['S2', 8],
    ]);
    const spec = buildWorkbook({ month: '2024-03', agents: roster, lang: 'en' });
    for (const l of spec.layout) {
      expect(qualified(l.outputs.quarter)).toBe(placed.get(l.agent.id)!.result);
      // the award the summary shows is the one the quarter sheet shows (blank until decided), in the result's row
      const row = l.outputs.quarterAward.address.replace(/^[A-Z]+/, '');
      expect(placed.get(l.agent.id)!.award).toBe(`Quarter!$N$${row}`);
    }
  });

  test('the summary shows the cells the forms and the test offer, and the quarter the summary’s', () => {
    const spec = buildWorkbook({ month: '2024-03', agents: roster, lang: 'en' });
    const cell = (sheet: string, address: string) => spec.sheets.find((s) => s.name === sheet)!.cells.find((c) => c.address === address)!;
    for (const l of spec.layout) {
      const row = l.outputs.summaryRow.address.slice(1);
      if (l.agent.role === 'pre-sales') {
        expect(cell('Summary', `E${row}`).formula).toBe(qualified(l.outputs.A));
        expect(cell('Summary', `F${row}`).formula).toBe(qualified(l.outputs.B));
        expect(cell('Summary', `G${row}`).formula).toBe(`IF(ISBLANK(${qualified(l.inputs.EX)}),"",${qualified(l.inputs.EX)})`);
      } else {
        expect(cell('Summary', `N${row}`).formula).toBe(qualified(l.outputs.total));
      }
      // this month (March, the quarter's last) on the quarter sheet: the summary's rank, rank from the bottom, red lines
      const qRow = l.outputs.quarter.address.slice(1);
      expect(cell('Quarter', `F${qRow}`).formula).toBe(qualified(l.outputs.rank));
      expect(cell('Quarter', `I${qRow}`).formula).toBe(qualified(l.outputs.bottomRank));
      expect(cell('Quarter', `L${qRow}`).formula).toBe(l.agent.role === 'pre-sales' ? qualified(l.outputs.redLines) : '0');
    }
  });
});

describe('quarter input codes', () => {
  test('earlier months of the quarter are inputs under Q:<month>:<record>, read back by parseQuarterInputCode', () => {
    const spec = buildWorkbook({ month: '2024-03', agents: roster, lang: 'en' });
    const codes = Object.keys(spec.layout.find((l) => l.agent.id === 'S1')!.inputs).filter((c) => c.startsWith('Q:'));
    expect(codes).toEqual([
      'Q:2024-01:rank',
      'Q:2024-02:rank',
      'Q:2024-01:bottomRank',
      'Q:2024-02:bottomRank',
      'Q:2024-01:redLines',
      'Q:2024-02:redLines',
    ]);
    expect(quarterInputCode('2024-01', 'bottomRank')).toBe('Q:2024-01:bottomRank');
    expect(parseQuarterInputCode('Q:2024-02:redLines')).toEqual({ month: '2024-02', record: 'redLines' });
    expect(parseQuarterInputCode('S01')).toBeNull();
    expect(parseQuarterInputCode('Q:2024-02:pay')).toBeNull();
  });
});
