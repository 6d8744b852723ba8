/**
 * The sheet kinds of the workbook, in the order of its tabs. Each kind is one module in sheets/ (its
 * layout, inputs, labels, the cells it offers); `buildWorkbook` builds them in dependency order, and the
 * readers, the Office.js planning and the pane's insert buttons can take their keys, names and
 * dependencies from here.
 *
 * To add a kind: write its module, add its offer type to `SheetOffers` and the kind to `SHEET_KINDS` (and to
 * `INSERT_BUTTONS` in catalog.ts, with its label in the pane's strings, if the pane has a button to insert it alone).
 */
import { Lang } from './model';
import type { AfterSalesOffer } from './sheets/afterSales';
import { afterSales } from './sheets/afterSales';
import { SheetKind } from './sheets/common';
import { FormAOffer, formA } from './sheets/formA';
import { FormBOffer, formB } from './sheets/formB';
import { QuarterOffer, quarter } from './sheets/quarter';
import { RecordsOffer, records } from './sheets/records';
import { RosterOffer, roster } from './sheets/roster';
import { rules } from './sheets/rules';
import { SummaryOffer, summary } from './sheets/summary';
import { WrittenTestOffer, writtenTest } from './sheets/writtenTest';
import { YearSheetKind, closes, ledger } from './sheets/ledger';
import { plans } from './sheets/plans';
import { annual, quarters } from './sheets/annual';
import { notice } from './sheets/notice';

/** Per sheet kind, the cells it offers to other sheets (`null`: none). Its keys are the sheet keys. */
export interface SheetOffers {
  summary: SummaryOffer;
  formA: FormAOffer;
  formB: FormBOffer;
  test: WrittenTestOffer;
  after: AfterSalesOffer;
  records: RecordsOffer;
  quarter: QuarterOffer;
  rules: null;
  roster: RosterOffer;
  // the year's sheets (YEAR_SHEET_KINDS): built from the ledger, not part of a month's workbook
  ledger: null;
  plans: null;
  quarters: null;
  annual: null;
  closes: null;
  notice: null;
}

/** A sheet kind's key (`SheetSpec.key`). */
export type SheetKey = keyof SheetOffers;

/** Every sheet kind, once, in the order of the workbook's tabs. */
export const SHEET_KINDS: ReadonlyArray<SheetKind> = [summary, formA, formB, writtenTest, afterSales, records, quarter, rules, roster];

/**
 * The year's sheet kinds (forms.md D13–D15), in the ledger workbook's tab order: the ledger (台账), the improvement
 * plans, the quarters, the annual review, the log of closed months; and the month's notice (its own workbook).
 * Built from the ledger (`LedgerBook`), not from a month, so not among SHEET_KINDS.
 */
export const YEAR_SHEET_KINDS: ReadonlyArray<YearSheetKind> = [ledger, plans, quarters, annual, closes, notice];

/** The sheet keys in the order of the workbook's tabs. */
export const SHEET_KEYS: readonly SheetKey[] = SHEET_KINDS.map((k) => k.key);

export function sheetKind(key: SheetKey): SheetKind {
  const kind = SHEET_KINDS.find((k) => k.key === key);
  if (!kind) throw new Error(`no sheet kind "${key}"`);
  return kind;
}

export function isSheetKey(text: string): text is SheetKey {
  return SHEET_KINDS.some((k) => k.key === text);
}

/** The default worksheet names of every kind, per language. */
export const SHEET_NAMES: Record<Lang, Record<SheetKey, string>> = {
  zh: Object.fromEntries([...SHEET_KINDS, ...YEAR_SHEET_KINDS].map((k) => [k.key, k.words.zh.sheet])) as Record<SheetKey, string>,
  en: Object.fromEntries([...SHEET_KINDS, ...YEAR_SHEET_KINDS].map((k) => [k.key, k.words.en.sheet])) as Record<SheetKey, string>,
};

/**
 * The kinds each kind's formulas refer to (directly or through the rules sheet's defined names), as
 * declared by the modules. A workbook's formulas refer to no more than these (test/templates/registry.test.ts
 * checks it against src/office/plan.ts `sheetDeps`); with no agents a sheet may refer to fewer.
 */
export const SHEET_DEPS: ReadonlyMap<SheetKey, readonly SheetKey[]> = new Map(SHEET_KINDS.map((k) => [k.key, k.refersTo]));

/**
 * The order to build the kinds in: each after the kinds it refers to that offer their cells only by being
 * built (a kind with `place` offers them before any is built, which breaks the summary ↔ quarter cycle);
 * otherwise in tab order. @throws Error on a cycle or an unknown kind
 */
export function buildOrder(kinds: ReadonlyArray<SheetKind> = SHEET_KINDS): SheetKind[] {
  const byKey = new Map(kinds.map((k) => [k.key, k]));
  const order: SheetKind[] = [];
  const state = new Map<SheetKey, 'visiting' | 'done'>();
  const visit = (kind: SheetKind, path: SheetKey[]) => {
    if (state.get(kind.key) === 'done') return;
    if (state.get(kind.key) === 'visiting')
      throw new Error(`sheet kinds refer to each other in a cycle: ${[...path, kind.key].join(' → ')}`);
    state.set(kind.key, 'visiting');
    for (const key of kind.refersTo) {
      const dep = byKey.get(key);
      if (!dep) throw new Error(`sheet kind "${kind.key}" refers to "${key}", which is not registered`);
      if (!dep.place) visit(dep, [...path, kind.key]);
    }
    state.set(kind.key, 'done');
    order.push(kind);
  };
  for (const k of kinds) visit(k, []);
  return order;
}

export { INSERT_BUTTONS } from './catalog';
