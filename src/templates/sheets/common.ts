/**
 * What every sheet module builds with: the cell writer (`Sheet`), the build context (options, agents,
 * the layout being filled, the defined names, the cells other sheets offer), the words more than one
 * sheet shows. The printed form block is in form-block.ts, the inputs' validation in validation.ts.
 */
import { FormulaMode } from '../../core/kpi';
import { KpiRecord } from '../../core/records';
import { Rules } from '../../core/rules';
import { Agent, AgentLayout, CellSpec, DefinedNameSpec, Lang, Role, SheetKey, SheetSpec, StyleName, abs, addr, sheetRef } from '../model';
import type { SheetOffers } from '../registry';

/** An input value as entries give it: a count, a score, a grade or rating letters. */
export type InputValue = number | string;

/** Text in both languages of the workbook. */
export type Bilingual<T = string> = Record<Lang, T>;

/** One month of an agent for the quarter sheet (D10), as the summary of that month showed it. */
export interface HistoryMonth {
  rank?: number | '';
  bottomRank?: number | '';
  redLines?: number;
}

/** A cell on a named sheet, as the layout records it. */
export interface CellAt {
  sheet: string;
  address: string;
}

/** What a cell holds besides its style. */
export type CellContent = Pick<CellSpec, 'value' | 'formula' | 'validation' | 'shares' | 'sample'>;

/**
 * Makes V8 hold `text` flat: a text built from template parts is kept as a tree of them until it is read, and reading
 * a character flattens it (a records sheet's 57,000 formulas and rules held 36 MB more as trees: GC time of `new`).
 * The character is kept, so that the read is not optimised away.
 */
const flatRead = { last: 0 };
const flatten = (text: string): void => {
  flatRead.last = text.charCodeAt(0);
};

/** Builds one worksheet's `SheetSpec` cell by cell. */
export class Sheet {
  readonly spec: SheetSpec;
  /** each cell's place in spec.cells by row × 32768 + column (found without a search: forms re-set thousands of merged cells) */
  private readonly byAddr = new Map<number, number>();
  constructor(key: SheetKey, name: string, widths: number[], landscape = false) {
    this.spec = {
      key,
      name,
      widths,
      cells: [],
      merges: [],
      rowHeights: {},
      rowBreaks: [],
      landscape,
      freezeRows: 0,
      protect: true,
      conditionalFormats: [],
    };
  }
  /** the sheet's name as formulas write it */
  get ref(): string {
    return sheetRef(this.spec.name);
  }
  /** Sets a cell and returns its address; a later call on the same address replaces it. */
  set(row: number, col: number, style: StyleName, content: CellContent = {}): string {
    const a = addr(row, col);
    // every cell of one shape, its absent parts undefined: the readers of 140,000 cells (the layout, the limits check,
    // the writers) then read them at one place each, not through the contents' many shapes
    const cell: CellSpec = {
      address: a,
      style,
      value: content.value,
      formula: content.formula,
      validation: content.validation,
      shares: content.shares,
      sample: content.sample,
    };
    if (cell.formula !== undefined) flatten(cell.formula);
    if (cell.validation?.type === 'custom') flatten(cell.validation.formula);
    const k = row * 32768 + col;
    const at = this.byAddr.get(k);
    if (at !== undefined) this.spec.cells[at] = cell;
    else this.byAddr.set(k, this.spec.cells.push(cell) - 1);
    return a;
  }
  merge(r1: number, c1: number, r2: number, c2: number, style?: StyleName): void {
    this.spec.merges.push(`${addr(r1, c1)}:${addr(r2, c2)}`);
    // border the merged cells too so printed boxes are closed
    if (style) for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) this.set(r, c, style);
  }
  /** Sets a cell and merges it across its row to `lastCol` (`boxed`: the merged cells take its style, a closed printed box). */
  setAcross(row: number, col: number, lastCol: number, style: StyleName, content: CellContent, boxed = false): string {
    const a = this.set(row, col, style, content);
    this.merge(row, col, row, lastCol, boxed ? style : undefined);
    return a;
  }
  /** Sets cells of one style along a row from `col` on: column headers, an agent's id and name, … */
  setRow(row: number, style: StyleName, values: ReadonlyArray<CellSpec['value']>, col = 1): void {
    values.forEach((value, c) => this.set(row, col + c, style, { value }));
  }
  /** sheet-qualified absolute reference to a cell of this sheet, for other sheets' formulas */
  q(a1: string): string {
    return `${this.ref}!${abs(a1)}`;
  }
  /** sheet-qualified absolute reference to a range of this sheet (`'Rules'!$C$5:$D$9`) */
  range(r1: number, c1: number, r2: number, c2: number): string {
    return `${this.ref}!${abs(addr(r1, c1))}:${abs(addr(r2, c2))}`;
  }
  /** a cell of this sheet as the layout records it */
  at(a1: string): CellAt {
    return { sheet: this.spec.name, address: a1 };
  }
}

/** The words every sheet kind has, besides its own. */
export interface KindWords {
  /** the worksheet's default name (Excel: at most 31 characters, none of : \ / ? * [ ]) */
  sheet: string;
}

/**
 * A sheet kind: one module in this folder, listed in registry.ts. `build` makes the sheet and puts the
 * cells it offers to later sheets into `ctx.offers`; it registers each agent's input and result cells in
 * the layout (`ctx.layoutOf`), which is how readers find and read back the inputs.
 */
export interface SheetKind<K extends SheetKey = SheetKey> {
  key: K;
  /** its words in both languages: the module's table, with the default sheet name and the insert button's label */
  words: Bilingual<KindWords>;
  /** one block or row per agent of this role, per agent of every role (`all`), or none (`null`) */
  perAgent: Role | 'all' | null;
  /**
   * The kinds whose cells its formulas refer to, directly or through a defined name (the rules sheet's).
   * They are built before it, unless they `place` their cells; inserting this sheet alone needs them.
   */
  refersTo: readonly SheetKey[];
  /** Offers cells fixed by position alone before any sheet is built: for a kind built earlier that refers to this one. */
  place?(ctx: BuildContext, name: string): void;
  build(ctx: BuildContext, name: string): Sheet;
}

/** What a sheet module is given: the build options, resolved, and the workbook-wide parts it adds to. */
export interface BuildContext {
  /** YYYY-MM */
  month: string;
  lang: Lang;
  mode: FormulaMode;
  rules: Rules;
  /** the roster, in order */
  agents: readonly Agent[];
  preSales: readonly Agent[];
  afterSales: readonly Agent[];
  /** the input entries give for an agent's code, written into its input cell */
  input(id: string, code: string): InputValue | undefined;
  /** the other months of the quarter, for the quarter sheet */
  history(id: string, month: string): HistoryMonth | undefined;
  /** the month's records (D12) for the records sheet, typed counts of summed codes among them as month-level records */
  records: readonly KpiRecord[];
  /** this agent's entry in the layout: the input cells and result cells the sheets register */
  layoutOf(id: string): AgentLayout;
  /** the workbook's defined names (the rules sheet adds them) */
  names: DefinedNameSpec[];
  /** the cells of the sheet kinds built (or placed) before this one; see registry.ts */
  offers: OfferBook;
}

/** The cells each sheet kind offers to the sheets built after it, by kind (types in registry.ts `SheetOffers`). */
export class OfferBook {
  private readonly byKind = new Map<SheetKey, unknown>();
  put<K extends keyof SheetOffers>(key: K, offer: SheetOffers[K]): void {
    this.byKind.set(key, offer);
  }
  /** @throws Error when `key` has not been built (or placed) yet: its kind is missing from the referrer's `refersTo` */
  get<K extends keyof SheetOffers>(key: K): SheetOffers[K] {
    if (!this.byKind.has(key)) throw new Error(`sheet kind "${key}" has offered no cells yet: list it in the referring kind's refersTo`);
    return this.byKind.get(key) as SheetOffers[K];
  }
}

/** Words more than one sheet shows. A sheet's own words are in its module. */
export const WORDS = {
  zh: {
    assessee: '被考核人',
    assessor: '考核人',
    date: '考核日期',
    id: '工号',
    name: '姓名',
    role: '岗位',
    group: '组',
    colNo: '序号',
    composite: '综合得分',
    signAssessee: '被考核人签字:',
    signAssessor: '考核人签字:',
    rank: '名次',
    bottomRank: '倒数名次',
    redLines: '红线次数',
    award: '季度奖(元)',
    flagRed: '红线·上报开除处理',
    preSalesRole: '售前',
    afterSalesRole: '售后',
  },
  en: {
    assessee: 'Assessee',
    assessor: 'Assessor',
    date: 'Date',
    id: 'ID',
    name: 'Name',
    role: 'Role',
    group: 'Group',
    colNo: 'No.',
    composite: 'Composite',
    signAssessee: 'Assessee signature:',
    signAssessor: 'Assessor signature:',
    rank: 'Rank',
    bottomRank: 'Rank from bottom',
    redLines: 'Red lines',
    award: 'Quarter award (yuan)',
    flagRed: 'RED LINE: reported for dismissal',
    preSalesRole: 'pre-sales',
    afterSalesRole: 'after-sales',
  },
} as const satisfies Bilingual<Record<string, string>>;

/** A role as the roster and the quarter sheet show it. */
export function roleWord(lang: Lang, agent: Agent): string {
  return agent.role === 'pre-sales' ? WORDS[lang].preSalesRole : WORDS[lang].afterSalesRole;
}
