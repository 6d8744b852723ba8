/**
 * Builds the evaluation workbook as data (`WorkbookSpec`): form A, form B, the written test and the
 * after-sales form (one agent per printed A4 page), the monthly summary, the quarter sheet, the rules
 * sheet (defined names every formula reads) and the roster. Formulas are `=KPI.…` or plain Excel
 * (`mode`), both produced by `call()` from the one definition of each function in core/kpi.ts.
 */
import { FormulaMode, call } from '../core/kpi';
import {
  AFTER_SALES_ITEMS,
  BONUS_ITEMS,
  DEFAULTS_TEXT,
  DEFAULT_RULES,
  FORM_A_ITEMS,
  FORM_B_ITEMS,
  Item,
  RED_LINES,
  Rules,
} from '../core/rules';
import { Lang, SHEET_NAMES, T } from './i18n';
import {
  Agent,
  AgentLayout,
  CellSpec,
  DefinedNameSpec,
  SheetKey,
  SheetSpec,
  StyleName,
  ValidationSpec,
  WorkbookSpec,
  abs,
  addr,
  colName,
  sheetRef,
} from './model';

/** An input value as entries give it: a count, a score, a grade or rating letters. */
export type InputValue = number | string;

export interface BuildOptions {
  /** YYYY-MM */
  month: string;
  agents: Agent[];
  lang?: Lang;
  mode?: FormulaMode;
  rules?: Rules;
  /** employee id → forms.md code → value, written into the input cells */
  inputs?: Record<string, Record<string, InputValue>>;
  /** employee id → month (YYYY-MM) → that month's results, for the quarter sheet */
  history?: Record<string, Record<string, { rank?: number | ''; bottomRank?: number | ''; redLines?: number }>>;
  /** which sheets to build (default all); the summary needs the forms */
  sheets?: SheetKey[];
}

/** Rows each agent's block takes on a form sheet (its printed page), including a spacer row. */
export const BLOCK_ROWS = { formA: 22, formB: 22, after: 17 } as const;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The three months of the quarter (D10) the given month belongs to, or the rolling window ending with it. */
export function quarterMonths(month: string, mode: Rules['quarterMode']): string[] {
  const m = MONTH_RE.exec(month);
  if (!m) throw new Error(`month "${month}" is not YYYY-MM`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const fmt = (yy: number, mm: number) => {
    while (mm < 1) {
      mm += 12;
      yy--;
    }
    return `${yy}-${String(mm).padStart(2, '0')}`;
  };
  if (mode === 'rolling') return [fmt(y, mo - 2), fmt(y, mo - 1), fmt(y, mo)];
  const first = Math.floor((mo - 1) / 3) * 3 + 1;
  return [fmt(y, first), fmt(y, first + 1), fmt(y, first + 2)];
}

class Sheet {
  readonly spec: SheetSpec;
  private readonly byAddr = new Map<string, CellSpec>();
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
  get ref(): string {
    return sheetRef(this.spec.name);
  }
  /** Sets a cell; a later call on the same address replaces it. */
  set(
    row: number,
    col: number,
    style: StyleName,
    content: { value?: CellSpec['value']; formula?: string; validation?: ValidationSpec } = {},
  ): string {
    const a = addr(row, col);
    const cell: CellSpec = { address: a, style, ...content };
    const prev = this.byAddr.get(a);
    if (prev) this.spec.cells[this.spec.cells.indexOf(prev)] = cell;
    else this.spec.cells.push(cell);
    this.byAddr.set(a, cell);
    return a;
  }
  merge(r1: number, c1: number, r2: number, c2: number, style?: StyleName): void {
    this.spec.merges.push(`${addr(r1, c1)}:${addr(r2, c2)}`);
    // border the merged cells too so printed boxes are closed
    if (style) for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) this.set(r, c, style);
  }
  /** sheet-qualified absolute reference to a cell of this sheet */
  q(a1: string): string {
    return `${this.ref}!${abs(a1)}`;
  }
}

const V = {
  count: (l: Lang): ValidationSpec => ({
    type: 'whole',
    min: 0,
    prompt: l === 'zh' ? '次数:≥0的整数,空白按0计' : 'Count: a whole number ≥ 0; blank counts as 0',
    error: l === 'zh' ? '次数必须是≥0的整数 (D4)' : 'A count must be a whole number ≥ 0 (D4)',
  }),
  points: (l: Lang): ValidationSpec => ({
    type: 'decimal',
    min: 0,
    max: 100,
    prompt: l === 'zh' ? '考核人填写扣分(0–100)' : 'Points deducted by the assessor (0–100)',
    error: l === 'zh' ? '扣分必须是0–100的数' : 'Points must be a number from 0 to 100',
  }),
  test: (l: Lang): ValidationSpec => ({
    type: 'decimal',
    min: 0,
    max: 100,
    prompt: l === 'zh' ? '笔试成绩0–100;空白为未完成' : 'Test score 0–100; blank = incomplete',
    error: l === 'zh' ? '笔试成绩必须在0–100之间' : 'The test score must be from 0 to 100',
  }),
  grade: (l: Lang): ValidationSpec => ({
    type: 'list',
    values: ['A', 'B', 'C', 'D', 'E'],
    prompt: l === 'zh' ? '等级A–E' : 'Grade A–E',
    error: l === 'zh' ? '等级必须是A、B、C、D或E' : 'The grade must be A, B, C, D or E',
  }),
};

function halfDay(l: Lang, a1: string): ValidationSpec {
  return {
    type: 'custom',
    formula: `AND(ISNUMBER(${a1}),${a1}>=0,MOD(${a1}*2,1)=0)`,
    prompt: l === 'zh' ? '事假天数,可按半天(0.5)' : 'Days of personal leave, in half days (0.5)',
    error: l === 'zh' ? '事假天数必须≥0,且为0.5的倍数 (D4)' : 'Days must be ≥ 0 in steps of 0.5 (D4)',
  };
}

/**
 * S02 ratings: only the letters A–D (any case), spaces ignored. The input with spaces and A, B, C, D
 * removed must be empty: ~100 characters, where Excel drops a custom validation formula over 255
 * characters (core/excel-limits.ts) — the former count-per-letter formula had ~400.
 */
function ratingsValidation(l: Lang, a1: string): ValidationSpec {
  const rest = ['A', 'B', 'C', 'D'].reduce((s, x) => `SUBSTITUTE(${s},"${x}","")`, `SUBSTITUTE(UPPER(${a1})," ","")`);
  return {
    type: 'custom',
    formula: `LEN(${rest})=0`,
    prompt: l === 'zh' ? '回访评价字母A–D,每单一个,如 AABCD' : 'Call-back ratings A–D, one letter per ticket, e.g. AABCD',
    error: l === 'zh' ? '只能填A、B、C、D (S02)' : 'Only the letters A, B, C and D (S02)',
  };
}

/** The line to sign on after a signature label. */
const SIGN_LINE = ' ____________';

function label(item: Item, lang: Lang): string {
  return lang === 'zh' ? `${item.zh},${item.ruleZh}` : `${item.en}: ${item.ruleEn}`;
}

/**
 * Builds the workbook spec. Throws on a bad month; agents and inputs are expected validated
 * (io/inputs.ts does that and names the CSV row).
 */
export function buildWorkbook(opts: BuildOptions): WorkbookSpec {
  if (!MONTH_RE.test(opts.month)) throw new Error(`month "${opts.month}" is not YYYY-MM`);
  const lang: Lang = opts.lang ?? 'zh';
  const mode: FormulaMode = opts.mode ?? 'plain';
  const rules = opts.rules ?? DEFAULT_RULES;
  const L = T[lang];
  const N = SHEET_NAMES[lang];
  const inputs = opts.inputs ?? {};
  /** A score label that also shows the red-line flag when the person has one (D3: flagged everywhere). */
  const redLabel = (text: string, redSum: string) => `"${text}"&IF(${redSum}>0,"  ${L.flagRed}","")`;
  const pre = opts.agents.filter((a) => a.role === 'pre-sales');
  const after = opts.agents.filter((a) => a.role === 'after-sales');
  const names: DefinedNameSpec[] = [];
  const layout = new Map<string, AgentLayout>(
    opts.agents.map((a) => [a.id, { agent: a, inputs: {}, outputs: {}, formCell: { sheet: '', address: 'A1' } }]),
  );
  const val = (id: string, code: string): InputValue | undefined => inputs[id]?.[code];

  // ---------------- rules sheet ----------------
  const rs = new Sheet('rules', N.rules, [14, 62, 12, 10]);
  {
    let r = 1;
    rs.set(r, 1, 'title', { value: L.titleRules });
    rs.merge(r, 1, r, 4);
    r += 2;
    rs.set(r, 1, 'header', { value: L.ruleName });
    rs.set(r, 2, 'header', { value: L.ruleDesc });
    rs.set(r, 3, 'header', { value: L.ruleValue });
    rs.set(r, 4, 'header', { value: L.rulePoints });
    r++;
    const one = (name: string, desc: string, value: number | string | null) => {
      rs.set(r, 1, 'text', { value: name });
      rs.set(r, 2, 'wrap', { value: desc });
      const a = rs.set(r, 3, 'rule', { value });
      names.push({ name, ref: rs.q(a) });
      r++;
      return a;
    };
    const range = (name: string, rows: Array<[string, string, number | string, number?]>) => {
      const first = r;
      for (const [code, desc, v, pts] of rows) {
        rs.set(r, 1, 'text', { value: code });
        rs.set(r, 2, 'wrap', { value: desc });
        rs.set(r, 3, pts === undefined ? 'rule' : 'text', { value: v });
        if (pts !== undefined) rs.set(r, 4, 'rule', { value: pts });
        r++;
      }
      const cols = rows[0][3] === undefined ? [3, 3] : [3, 4];
      names.push({ name, ref: `${rs.ref}!${abs(addr(first, cols[0]))}:${abs(addr(r - 1, cols[1]))}` });
    };
    for (const it of [...FORM_A_ITEMS, ...FORM_B_ITEMS]) {
      if (it.kind === 'escalating') continue;
      one(
        `PTS_${it.code}`,
        `${it.code} ${lang === 'zh' ? it.zh : it.en} (${lang === 'zh' ? '每次扣分' : 'points each'})`,
        rules.points[it.code],
      );
    }
    one(
      'B12_FIRST',
      lang === 'zh' ? 'B12 不服从上级工作分配:第一次扣分 (D2)' : 'B12 refusing an assignment: the first time (D2)',
      rules.b12First,
    );
    one('B12_NEXT', lang === 'zh' ? 'B12 以后每次扣分 (D2)' : 'B12 each further time (D2)', rules.b12Next);
    range('W_PRE', [
      ['W_A', lang === 'zh' ? '售前总分权重:表A 业务' : 'Pre-sales weight: form A', rules.weightA],
      ['W_B', lang === 'zh' ? '售前总分权重:表B 工作纪律' : 'Pre-sales weight: form B', rules.weightB],
      ['W_EX', lang === 'zh' ? '售前总分权重:笔试' : 'Pre-sales weight: written test', rules.weightEX],
    ]);
    const wFirst = r;
    for (const it of AFTER_SALES_ITEMS) {
      one(`W_${it.code}`, `${it.code} ${lang === 'zh' ? it.zh : it.en} (${lang === 'zh' ? '权重' : 'weight'})`, rules.weightsS[it.code]);
    }
    names.push({ name: 'W_S', ref: `${rs.ref}!${abs(addr(wFirst, 3))}:${abs(addr(r - 1, 3))}` });
    one('S01_CAP', lang === 'zh' ? 'S01 处理单量得分上限,空白=不封顶 (D5)' : 'S01 cap in points; blank = no cap (D5)', rules.s01Cap);
    range(
      'SAT_SCALE',
      (['A', 'B', 'C', 'D'] as const).map((k) => [
        `S02 ${k}`,
        lang === 'zh' ? `S02 客户满意度 ${k}` : `S02 rating ${k}`,
        k,
        rules.satisfaction[k],
      ]),
    );
    one('SAT_N', lang === 'zh' ? 'S02 折算到的回访单数 (D6)' : 'S02 tickets the sum is scaled to (D6)', rules.satisfactionSample);
    range(
      'GRADE_S03',
      (['A', 'B', 'C', 'D', 'E'] as const).map((k) => [
        `S03 ${k}`,
        lang === 'zh' ? `S03 工作态度 ${k}` : `S03 work attitude ${k}`,
        k,
        rules.gradeS03[k],
      ]),
    );
    one('S04_PTS', lang === 'zh' ? 'S04 未及时提交一次扣分' : 'S04 points per late report', rules.s04Points);
    one('S05_PTS', lang === 'zh' ? 'S05 违规一次扣分' : 'S05 points per breach', rules.s05Points);
    range(
      'GRADE_S06',
      (['A', 'B', 'C', 'D', 'E'] as const).map((k) => [
        `S06 ${k}`,
        lang === 'zh' ? `S06 团队协作能力 ${k}` : `S06 teamwork ${k}`,
        k,
        rules.gradeS06[k],
      ]),
    );
    range('SP_RULE', [
      ['SP1', lang === 'zh' ? 'SP1 建议被采纳每次加分' : 'SP1 points per adopted suggestion', rules.sp1Points],
      ['SP1_CAP', lang === 'zh' ? 'SP1 加分上限' : 'SP1 cap', rules.sp1Cap],
      ['SN1', lang === 'zh' ? 'SN1 投诉一次扣分' : 'SN1 points per complaint', rules.sn1Points],
    ]);
    one(
      'PAY_BASE',
      lang === 'zh' ? '绩效工资基数(元),工资 = 基数 × 总分% (D7)' : 'Pay base (yuan); pay = base × total % (D7)',
      rules.payBase,
    );
    one(
      'AWARD',
      lang === 'zh' ? '连续3个月第一名奖励(元) (D10)' : 'Quarter award for first place three months running (yuan, D10)',
      rules.quarterAward,
    );
    one(
      'BOTTOM_N',
      lang === 'zh' ? '提交整改方案的后几名 (D9)' : 'How many from the bottom hand in an improvement plan (D9)',
      rules.bottomN,
    );
    r++;
    rs.set(r, 1, 'subtitle', { value: L.defaults });
    r++;
    for (const d of DEFAULTS_TEXT) {
      rs.set(r, 1, 'text', { value: d.code });
      rs.set(r, 2, 'wrap', { value: lang === 'zh' ? d.zh : d.en });
      rs.merge(r, 2, r, 4, 'wrap');
      rs.spec.rowHeights[r] = 30;
      r++;
    }
    r++;
    rs.set(r, 1, 'subtitle', { value: L.meta });
    r++;
    const meta = (name: string, v: string) => {
      rs.set(r, 1, 'text', { value: name });
      const a = rs.set(r, 3, 'text', { value: v });
      names.push({ name, ref: rs.q(a) });
      r++;
    };
    meta('KPI_MONTH', opts.month);
    meta('KPI_LANG', lang);
    meta('KPI_MODE', mode);
    meta('KPI_QUARTER_MODE', rules.quarterMode);
    rs.spec.printArea = `A1:D${r}`;
  }

  // ---------------- roster ----------------
  const ro = new Sheet('roster', N.roster, [14, 16, 14, 12]);
  ro.set(1, 1, 'title', { value: L.titleRoster });
  ro.merge(1, 1, 1, 4);
  ['id', 'name', 'role', 'group'].forEach((k, i) => ro.set(2, i + 1, 'header', { value: L[k as 'id'] }));
  opts.agents.forEach((a, i) => {
    ro.set(3 + i, 1, 'text', { value: a.id });
    ro.set(3 + i, 2, 'text', { value: a.name });
    ro.set(3 + i, 3, 'text', { value: a.role === 'pre-sales' ? L.preSalesRole : L.afterSalesRole });
    ro.set(3 + i, 4, 'text', { value: a.group });
  });
  ro.spec.freezeRows = 2;
  ro.spec.printArea = `A1:D${Math.max(3, 2 + opts.agents.length)}`;

  // the summary's position is needed by the after-sales form (S01 average): fixed layout below
  const sm = new Sheet('summary', N.summary, [12, 14, 10, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 12, 12, 30], true);
  const preHeaderRow = 5;
  const preFirst = preHeaderRow + 1;
  const preLast = preFirst + Math.max(pre.length, 1) - 1;
  const afterTitleRow = preLast + 3;
  const afterHeaderRow = afterTitleRow + 1;
  const afterFirst = afterHeaderRow + 1;
  const afterLast = afterFirst + Math.max(after.length, 1) - 1;
  // S01's average (D5) reads every after-sales agent's tickets from a hidden helper column of the
  // after-sales sheet itself, so that sheet needs no other sheet. Dense: agent k's count in row k (I1:In),
  // "" for a blank count, so the range holds no blank cell: Excel desktop passes a blank inside a range
  // to a custom function as 0, which the average would count (office-js #5262)
  const TICKETS_COL = 9;
  const ticketsAll = `${sheetRef(N.after)}!$I$1:$I$${Math.max(1, after.length)}`;

  // ---------------- form A ----------------
  const fa = new Sheet('formA', N.formA, [5, 6, 44, 7, 7, 8]);
  const formAScore = new Map<string, string>();
  const redLinesCell = new Map<string, string>();
  pre.forEach((agent, i) => {
    const L0 = 1 + i * BLOCK_ROWS.formA;
    const lay = layout.get(agent.id)!;
    lay.formCell = { sheet: fa.spec.name, address: addr(L0, 1) };
    header(fa, L0, 6, L.titleA, agent);
    let r = L0 + 3;
    fa.set(r, 1, 'section', { value: L.sectionA });
    fa.merge(r, 1, r, 6, 'section');
    r++;
    [L.colNo, L.colCode, L.colRule, L.colPoints, L.colCount, L.colDeduct].forEach((h, c) => fa.set(r, c + 1, 'header', { value: h }));
    r++;
    const first = r;
    FORM_A_ITEMS.forEach((it, k) => {
      fa.set(r, 1, 'text', { value: k + 1 });
      fa.set(r, 2, 'text', { value: it.code });
      fa.set(r, 3, 'wrap', { value: label(it, lang) });
      fa.set(r, 4, 'formula', { formula: `PTS_${it.code}` });
      const c = fa.set(r, 5, 'input', { value: val(agent.id, it.code) ?? null, validation: V.count(lang) });
      fa.set(r, 6, 'formula', { formula: `IF(${c}="","",${c}*D${r})` });
      lay.inputs[it.code] = { sheet: fa.spec.name, address: c };
      r++;
    });
    const last = r - 1;
    fa.set(r, 1, 'section', { value: L.sectionRed });
    fa.merge(r, 1, r, 6, 'section');
    r++;
    const redFirst = r;
    RED_LINES.forEach((it, k) => {
      fa.set(r, 1, 'text', { value: k + 1 });
      fa.set(r, 2, 'text', { value: it.code });
      fa.set(r, 3, 'wrap', { value: lang === 'zh' ? it.zh : it.en });
      fa.set(r, 4, 'text', { value: '—' });
      const c = fa.set(r, 5, 'input', { value: val(agent.id, it.code) ?? null, validation: V.count(lang) });
      fa.set(r, 6, 'formula', { formula: `IF(N(${c})>0,"${L.redMark}","")` });
      lay.inputs[it.code] = { sheet: fa.spec.name, address: c };
      r++;
    });
    const redSum = `SUM(${fa.q(`E${redFirst}`)}:${abs(`E${r - 1}`)})`;
    redLinesCell.set(agent.id, redSum);
    fa.set(r, 1, 'label', { formula: redLabel(`${L.score} (100 − ${L.colDeduct})`, redSum) });
    fa.merge(r, 1, r, 5);
    const s = fa.set(r, 6, 'score', { formula: call(mode, 'DEDUCT', `E${first}:E${last}`, `D${first}:D${last}`) });
    formAScore.set(agent.id, fa.q(s));
    lay.outputs.A = { sheet: fa.spec.name, address: s };
    r += 2;
    signature(fa, r, [1, 4]);
    fa.spec.rowBreaks.push(L0 + BLOCK_ROWS.formA - 1);
  });
  fa.spec.printArea = `A1:F${Math.max(1, pre.length * BLOCK_ROWS.formA)}`;
  // A4 portrait: the widest renderer (LibreOffice, ~9.8 px per width unit) still fits; Excel (7 px) has room to spare
  fa.spec.printScale = 85;
  fa.spec.conditionalFormats.push({
    range: `F1:F${Math.max(1, pre.length * BLOCK_ROWS.formA)}`,
    formula: `F1="${L.redMark}"`,
    fill: 'FFC7CE',
    color: '9C0006',
    bold: true,
  });

  // ---------------- form B ----------------
  const fb = new Sheet('formB', N.formB, [5, 6, 44, 7, 7, 8]);
  const formBScore = new Map<string, string>();
  pre.forEach((agent, i) => {
    const L0 = 1 + i * BLOCK_ROWS.formB;
    const lay = layout.get(agent.id)!;
    header(fb, L0, 6, L.titleB, agent);
    let r = L0 + 3;
    fb.set(r, 1, 'section', { value: L.sectionB });
    fb.merge(r, 1, r, 6, 'section');
    r++;
    [L.colNo, L.colCode, L.colRule, L.colPoints, L.colCount, L.colDeduct].forEach((h, c) => fb.set(r, c + 1, 'header', { value: h }));
    r++;
    const first = r;
    let linearLast = r;
    let extra: string[] = [];
    FORM_B_ITEMS.forEach((it, k) => {
      fb.set(r, 1, 'text', { value: k + 1 });
      fb.set(r, 2, 'text', { value: it.code });
      fb.set(r, 3, 'wrap', { value: label(it, lang) });
      const c = addr(r, 5);
      const v = val(agent.id, it.code) ?? null;
      if (it.kind === 'escalating') {
        fb.set(r, 4, 'formula', { formula: 'B12_FIRST' });
        fb.set(r, 5, 'input', { value: v, validation: V.count(lang) });
        fb.set(r, 6, 'formula', { formula: `IF(${c}="","",${call(mode, 'ESCALATE', c, 'B12_FIRST', 'B12_NEXT')})` });
        extra.push(`N(F${r})`);
      } else if (it.kind === 'points') {
        fb.set(r, 4, 'formula', { formula: `PTS_${it.code}` });
        fb.set(r, 5, 'input', { value: v, validation: V.points(lang) });
        fb.set(r, 6, 'formula', { formula: `IF(${c}="","",${c}*D${r})` });
        extra.push(`N(${c})*D${r}`);
      } else {
        fb.set(r, 4, 'formula', { formula: `PTS_${it.code}` });
        fb.set(r, 5, 'input', { value: v, validation: it.kind === 'halfday' ? halfDay(lang, c) : V.count(lang) });
        fb.set(r, 6, 'formula', { formula: `IF(${c}="","",${c}*D${r})` });
        linearLast = r;
      }
      lay.inputs[it.code] = { sheet: fb.spec.name, address: c };
      r++;
    });
    fb.set(r, 1, 'label', { formula: redLabel(`${L.score} (100 − ${L.colDeduct})`, redLinesCell.get(agent.id)!) });
    fb.merge(r, 1, r, 5);
    const s = fb.set(r, 6, 'score', {
      formula: call(mode, 'DEDUCT', `E${first}:E${linearLast}`, `D${first}:D${linearLast}`, `(${extra.join('+')})`),
    });
    formBScore.set(agent.id, fb.q(s));
    lay.outputs.B = { sheet: fb.spec.name, address: s };
    r++;
    fb.set(r, 1, 'note', { value: L.noteB });
    fb.merge(r, 1, r, 6);
    r += 2;
    signature(fb, r, [1, 4]);
    fb.spec.rowBreaks.push(L0 + BLOCK_ROWS.formB - 1);
    extra = [];
  });
  fb.spec.printArea = `A1:F${Math.max(1, pre.length * BLOCK_ROWS.formB)}`;
  fb.spec.printScale = 85;

  // ---------------- written test ----------------
  const ts = new Sheet('test', N.test, [6, 14, 16, 16, 24]);
  const testCell = new Map<string, string>();
  ts.set(1, 1, 'title', { value: `${L.titleTest}  ${opts.month}` });
  ts.merge(1, 1, 1, 5);
  [L.colNo, L.id, L.name, L.testScore, L.remark].forEach((h, c) => ts.set(3, c + 1, 'header', { value: h }));
  pre.forEach((agent, i) => {
    const r = 4 + i;
    ts.set(r, 1, 'text', { value: i + 1 });
    ts.set(r, 2, 'text', { value: agent.id });
    ts.set(r, 3, 'text', { value: agent.name });
    const c = ts.set(r, 4, 'input', { value: val(agent.id, 'EX') ?? null, validation: V.test(lang) });
    ts.set(r, 5, 'inputText', { value: null });
    testCell.set(agent.id, ts.q(c));
    layout.get(agent.id)!.inputs.EX = { sheet: ts.spec.name, address: c };
  });
  const tsEnd = 3 + Math.max(1, pre.length);
  ts.set(tsEnd + 2, 1, 'label', { value: `${L.assessor}:` });
  ts.merge(tsEnd + 2, 1, tsEnd + 2, 2);
  ts.set(tsEnd + 2, 3, 'inputText', { value: null });
  ts.set(tsEnd + 2, 4, 'label', { value: `${L.date}:` });
  ts.set(tsEnd + 2, 5, 'inputText', { value: null });
  ts.set(tsEnd + 4, 1, 'label', { value: `${L.signAssessor}${SIGN_LINE}` });
  ts.merge(tsEnd + 4, 1, tsEnd + 4, 5);
  ts.spec.freezeRows = 3;
  ts.spec.printTitleRows = '3:3';
  ts.spec.printArea = `A1:E${tsEnd + 4}`;

  // ---------------- after-sales form ----------------
  const af = new Sheet('after', N.after, [5, 14, 36, 20, 10, 8, 10]);
  const afterScores = new Map<string, { items: string[]; sp1: string; sn1: string; composite: string; tickets: string }>();
  after.forEach((agent, i) => {
    const L0 = 1 + i * BLOCK_ROWS.after;
    const lay = layout.get(agent.id)!;
    lay.formCell = { sheet: af.spec.name, address: addr(L0, 1) };
    header(af, L0, 7, L.titleS, agent);
    let r = L0 + 3;
    [L.colNo, L.colItem, L.colStandard, L.colInput, L.colItemScore, L.colWeight, L.colWeighted].forEach((h, c) =>
      af.set(r, c + 1, 'header', { value: h }),
    );
    r++;
    const first = r;
    const items: string[] = [];
    let tickets = '';
    AFTER_SALES_ITEMS.forEach((it, k) => {
      af.set(r, 1, 'text', { value: k + 1 });
      af.set(r, 2, 'wrap', { value: `${it.code} ${lang === 'zh' ? it.zh : it.en}` });
      af.set(r, 3, 'wrap', { value: lang === 'zh' ? it.ruleZh : it.ruleEn });
      const c = addr(r, 4);
      const v = val(agent.id, it.code) ?? null;
      let f = '';
      switch (it.code) {
        case 'S01':
          af.set(r, 4, 'input', { value: v, validation: V.count(lang) });
          f = call(mode, 'VOLUME', c, ticketsAll, 'S01_CAP');
          af.set(1 + i, TICKETS_COL, 'formula', { formula: `IF(ISBLANK(${c}),"",${c})` });
          tickets = af.q(c);
          break;
        case 'S02':
          af.set(r, 4, 'inputText', { value: v, validation: ratingsValidation(lang, c) });
          f = call(mode, 'SATISFACTION', c, 'SAT_SCALE', 'SAT_N');
          break;
        case 'S03':
          af.set(r, 4, 'input', { value: v, validation: V.grade(lang) });
          f = call(mode, 'GRADE', c, 'GRADE_S03');
          break;
        case 'S04':
          af.set(r, 4, 'input', { value: v, validation: V.count(lang) });
          f = call(mode, 'DEDUCT', c, 'S04_PTS');
          break;
        case 'S05':
          af.set(r, 4, 'input', { value: v, validation: V.count(lang) });
          f = call(mode, 'DEDUCT', c, 'S05_PTS');
          break;
        case 'S06':
          af.set(r, 4, 'input', { value: v, validation: V.grade(lang) });
          f = call(mode, 'GRADE', c, 'GRADE_S06');
          break;
      }
      const e = af.set(r, 5, 'points', { formula: f });
      af.set(r, 6, 'formula', { formula: `W_${it.code}` });
      af.set(r, 7, 'points', { formula: `IF(ISNUMBER(E${r}),E${r}*F${r},"")` });
      items.push(af.q(e));
      lay.inputs[it.code] = { sheet: af.spec.name, address: c };
      lay.outputs[it.code] = { sheet: af.spec.name, address: e };
      af.spec.rowHeights[r] = it.code === 'S03' || it.code === 'S06' ? 75 : it.code === 'S02' ? 45 : 30;
      r++;
    });
    const last = r - 1;
    af.set(r, 1, 'label', { value: L.subtotal });
    af.merge(r, 1, r, 5);
    af.set(r, 6, 'formula', { formula: `SUM(F${first}:F${last})` });
    af.set(r, 7, 'score', { formula: call(mode, 'SCORE', `E${first}:E${last}`, `F${first}:F${last}`) });
    r++;
    const bonusRow = (it: Item, sign: string, pointsFormula: (c: string) => string) => {
      af.set(r, 1, 'text', { value: it.code });
      af.set(r, 2, 'wrap', { value: lang === 'zh' ? it.zh : it.en });
      af.set(r, 3, 'wrap', { value: lang === 'zh' ? it.ruleZh : it.ruleEn });
      const c = af.set(r, 4, 'input', { value: val(agent.id, it.code) ?? null, validation: V.count(lang) });
      af.merge(r, 5, r, 6);
      const g = af.set(r, 7, 'points', { formula: `${sign}${pointsFormula(c)}` });
      lay.inputs[it.code] = { sheet: af.spec.name, address: c };
      lay.outputs[it.code] = { sheet: af.spec.name, address: g };
      r++;
      return { c, g };
    };
    const sp1 = bonusRow(BONUS_ITEMS[0], '', (c) => `MIN(INDEX(SP_RULE,2),N(${c})*INDEX(SP_RULE,1))`);
    const sn1 = bonusRow(BONUS_ITEMS[1], '-', (c) => `N(${c})*INDEX(SP_RULE,3)`);
    af.set(r, 1, 'label', { value: L.composite });
    af.merge(r, 1, r, 6);
    const comp = af.set(r, 7, 'score', {
      formula: call(mode, 'AFTERSALES', `E${first}:E${last}`, `F${first}:F${last}`, sp1.c, sn1.c, 'SP_RULE'),
    });
    lay.outputs.total = { sheet: af.spec.name, address: comp };
    r += 2;
    signature(af, r, [1, 4]);
    af.spec.rowBreaks.push(L0 + BLOCK_ROWS.after - 1);
    afterScores.set(agent.id, { items, sp1: af.q(sp1.g), sn1: af.q(sn1.g), composite: af.q(comp), tickets });
  });
  af.spec.printArea = `A1:G${Math.max(1, after.length * BLOCK_ROWS.after)}`;
  af.spec.printScale = 68;
  af.spec.hiddenColumns = [TICKETS_COL];

  // ---------------- summary ----------------
  const qMonths = quarterMonths(opts.month, rules.quarterMode);
  const qs = new Sheet('quarter', N.quarter, [12, 14, 11, 8, 8, 8, 8, 8, 8, 8, 8, 8, 12, 12], true);
  const quarterRow = new Map<string, number>();
  // quarter rows: pre-sales first, then after-sales, from row 5
  opts.agents
    .slice()
    .sort((x, y) => (x.role === y.role ? 0 : x.role === 'pre-sales' ? -1 : 1))
    .forEach((a, i) => quarterRow.set(a.id, 5 + i));

  sm.set(1, 1, 'title', { value: `${L.titleSummary}  ${opts.month}` });
  sm.merge(1, 1, 1, 19);
  sm.set(2, 1, 'label', { value: L.month });
  sm.set(2, 2, 'text', { value: opts.month });
  const flagText = (total: string, red: string | null, bottom: string, qRes: string): string => {
    const parts = [
      red ? `IF(${red}>0,"${L.flagRed} ","")` : null,
      `IF(${bottom}=TRUE,"${L.flagBottom} ","")`,
      `IF(ISNUMBER(${total}),"","${L.flagIncomplete} ")`,
      `IF(${qRes}="award","${L.flagAward} ",IF(${qRes}="transfer","${L.flagTransfer} ",""))`,
    ].filter(Boolean);
    return `TRIM(${parts.join('&')})`;
  };
  // pre-sales table
  sm.set(preHeaderRow - 1, 1, 'subtitle', { value: L.preSales });
  const preCols = [
    L.id,
    L.name,
    L.group,
    L.formA,
    L.formB,
    L.test,
    L.total,
    L.rank,
    L.bottomRank,
    L.redLines,
    L.bottom,
    L.pay,
    L.award,
    L.flags,
  ];
  preCols.forEach((h, c) => sm.set(preHeaderRow, c + 1, 'header', { value: h }));
  sm.merge(preHeaderRow, 14, preHeaderRow, 19, 'header');
  const preTotals = `G$${preFirst}:G$${preLast}`;
  pre.forEach((agent, i) => {
    const r = preFirst + i;
    const lay = layout.get(agent.id)!;
    sm.set(r, 1, 'text', { value: agent.id });
    sm.set(r, 2, 'text', { value: agent.name });
    sm.set(r, 3, 'text', { value: agent.group });
    sm.set(r, 4, 'points', { formula: formAScore.get(agent.id)! });
    sm.set(r, 5, 'points', { formula: formBScore.get(agent.id)! });
    const t = testCell.get(agent.id)!;
    sm.set(r, 6, 'formula', { formula: `IF(ISBLANK(${t}),"",${t})` });
    const total = sm.set(r, 7, 'score', { formula: call(mode, 'PRESALES', `D${r}`, `E${r}`, `F${r}`, 'W_PRE') });
    const rank = sm.set(r, 8, 'formula', { formula: call(mode, 'RANK', `G${r}`, preTotals) });
    const br = sm.set(r, 9, 'formula', { formula: call(mode, 'RANK', `G${r}`, preTotals, '1') });
    const red = sm.set(r, 10, 'formula', { formula: redLinesCell.get(agent.id)! });
    const bottom = sm.set(r, 11, 'flag', { formula: call(mode, 'BOTTOM', `G${r}`, preTotals, 'BOTTOM_N') });
    const pay = sm.set(r, 12, 'money', { formula: call(mode, 'BONUS', `G${r}`, 'PAY_BASE', `J${r}`) });
    const qr = quarterRow.get(agent.id)!;
    const award = sm.set(r, 13, 'money', { formula: `${qs.ref}!$N$${qr}` });
    const flags = sm.set(r, 14, 'text', { formula: flagText(`G${r}`, `J${r}`, `K${r}`, `${qs.ref}!$M$${qr}`) });
    sm.merge(r, 14, r, 19, 'text');
    const o = (k: string, a: string) => (lay.outputs[k] = { sheet: sm.spec.name, address: a });
    o('total', total);
    o('rank', rank);
    o('bottomRank', br);
    o('redLines', red);
    o('bottom', bottom);
    o('pay', pay);
    o('award', award);
    o('flags', flags);
    o('summaryRow', `A${r}`);
  });
  sm.spec.conditionalFormats.push(
    { range: `A${preFirst}:S${preLast}`, formula: `$K${preFirst}=TRUE`, fill: 'FCE4D6' },
    { range: `A${preFirst}:S${preLast}`, formula: `$J${preFirst}>0`, fill: 'FFC7CE', color: '9C0006', bold: true },
  );
  // after-sales table
  sm.set(afterTitleRow, 1, 'subtitle', { value: L.afterSales });
  sm.set(afterTitleRow, 4, 'label', { value: L.avgTickets });
  sm.set(afterTitleRow, 6, 'formula', { formula: `IFERROR(AVERAGE(${ticketsAll}),"")` });
  const afterCols = [
    L.id,
    L.name,
    L.group,
    L.tickets,
    'S01',
    'S02',
    'S03',
    'S04',
    'S05',
    'S06',
    'SP1',
    'SN1',
    L.composite,
    L.rank,
    L.bottomRank,
    L.bottom,
    L.pay,
    L.award,
    L.flags,
  ];
  afterCols.forEach((h, c) => sm.set(afterHeaderRow, c + 1, 'header', { value: h }));
  const afterTotals = `M$${afterFirst}:M$${afterLast}`;
  after.forEach((agent, i) => {
    const r = afterFirst + i;
    const lay = layout.get(agent.id)!;
    const s = afterScores.get(agent.id)!;
    sm.set(r, 1, 'text', { value: agent.id });
    sm.set(r, 2, 'text', { value: agent.name });
    sm.set(r, 3, 'text', { value: agent.group });
    sm.set(r, 4, 'formula', { formula: `IF(ISBLANK(${s.tickets}),"",${s.tickets})` });
    s.items.forEach((ref, k) => sm.set(r, 5 + k, 'points', { formula: ref }));
    sm.set(r, 11, 'points', { formula: s.sp1 });
    sm.set(r, 12, 'points', { formula: s.sn1 });
    const total = sm.set(r, 13, 'score', { formula: s.composite });
    const rank = sm.set(r, 14, 'formula', { formula: call(mode, 'RANK', `M${r}`, afterTotals) });
    const br = sm.set(r, 15, 'formula', { formula: call(mode, 'RANK', `M${r}`, afterTotals, '1') });
    const bottom = sm.set(r, 16, 'flag', { formula: call(mode, 'BOTTOM', `M${r}`, afterTotals, 'BOTTOM_N') });
    const pay = sm.set(r, 17, 'money', { formula: call(mode, 'BONUS', `M${r}`, 'PAY_BASE') });
    const qr = quarterRow.get(agent.id)!;
    const award = sm.set(r, 18, 'money', { formula: `${qs.ref}!$N$${qr}` });
    const flags = sm.set(r, 19, 'text', { formula: flagText(`M${r}`, null, `P${r}`, `${qs.ref}!$M$${qr}`) });
    const o = (k: string, a: string) => (lay.outputs[k] = { sheet: sm.spec.name, address: a });
    o('summaryTotal', total);
    o('rank', rank);
    o('bottomRank', br);
    o('bottom', bottom);
    o('pay', pay);
    o('award', award);
    o('flags', flags);
    o('summaryRow', `A${r}`);
  });
  sm.spec.conditionalFormats.push({ range: `A${afterFirst}:S${afterLast}`, formula: `$P${afterFirst}=TRUE`, fill: 'FCE4D6' });
  sm.spec.freezeRows = preHeaderRow;
  sm.spec.printTitleRows = '1:2';
  sm.spec.rowBreaks.push(afterTitleRow - 1);
  sm.spec.printArea = `A1:S${afterLast}`;
  sm.spec.rowHeights[preHeaderRow] = 30;
  sm.spec.rowHeights[afterHeaderRow] = 30;

  // ---------------- quarter ----------------
  qs.set(1, 1, 'title', { value: `${L.titleQuarter}  ${qMonths[0]} – ${qMonths[2]}` });
  qs.merge(1, 1, 1, 14);
  qs.set(2, 1, 'note', { value: L.quarterNote });
  qs.merge(2, 1, 2, 14);
  qs.spec.rowHeights[2] = 30;
  [L.id, L.name, L.role].forEach((h, c) => {
    qs.set(3, c + 1, 'header', { value: h });
    qs.merge(3, c + 1, 4, c + 1, 'header');
  });
  [L.rank, L.bottomRank, L.redLines].forEach((h, g) => {
    qs.set(3, 4 + g * 3, 'header', { value: h });
    qs.merge(3, 4 + g * 3, 3, 6 + g * 3, 'header');
    qMonths.forEach((m, k) => qs.set(4, 4 + g * 3 + k, 'header', { value: m }));
  });
  qs.set(3, 13, 'header', { value: L.quarterResult });
  qs.merge(3, 13, 4, 13, 'header');
  qs.set(3, 14, 'header', { value: L.award });
  qs.merge(3, 14, 4, 14, 'header');
  const cur = qMonths.indexOf(opts.month);
  for (const agent of opts.agents) {
    const r = quarterRow.get(agent.id)!;
    const lay = layout.get(agent.id)!;
    qs.set(r, 1, 'text', { value: agent.id });
    qs.set(r, 2, 'text', { value: agent.name });
    qs.set(r, 3, 'text', { value: agent.role === 'pre-sales' ? L.preSalesRole : L.afterSalesRole });
    const src = { rank: lay.outputs.rank, bottomRank: lay.outputs.bottomRank, redLines: lay.outputs.redLines };
    (['rank', 'bottomRank', 'redLines'] as const).forEach((k, g) => {
      qMonths.forEach((m, j) => {
        const col = 4 + g * 3 + j;
        if (j === cur) {
          const s = src[k];
          qs.set(r, col, 'formula', { formula: s ? `${sheetRef(s.sheet)}!${abs(s.address)}` : '0' });
        } else if (j > cur) {
          // a later month of the quarter: not known yet (D10: the award comes with the quarter's last month)
          qs.set(r, col, 'text', { value: '—' });
        } else {
          const h = opts.history?.[agent.id]?.[m]?.[k];
          const a = qs.set(r, col, 'input', {
            value: h === undefined ? null : h,
            validation: { ...V.count(lang), type: 'whole', min: k === 'redLines' ? 0 : 1 },
          });
          lay.inputs[`Q:${m}:${k}`] = { sheet: qs.spec.name, address: a };
        }
      });
    });
    const res = qs.set(r, 13, 'formula', { formula: call(mode, 'QUARTER', `D${r}:F${r}`, `G${r}:I${r}`, `J${r}:L${r}`) });
    const aw = qs.set(r, 14, 'money', { formula: `IF(${res}="award",AWARD,0)` });
    lay.outputs.quarter = { sheet: qs.spec.name, address: res };
    lay.outputs.quarterAward = { sheet: qs.spec.name, address: aw };
  }
  qs.spec.freezeRows = 4;
  qs.spec.printArea = `A1:N${4 + Math.max(1, opts.agents.length)}`;

  const all: Record<SheetKey, Sheet> = { formA: fa, formB: fb, test: ts, after: af, summary: sm, quarter: qs, rules: rs, roster: ro };
  const order: SheetKey[] = ['summary', 'formA', 'formB', 'test', 'after', 'quarter', 'rules', 'roster'];
  const wanted = opts.sheets ?? order;
  return {
    month: opts.month,
    lang,
    mode,
    sheets: order.filter((k) => wanted.includes(k)).map((k) => all[k].spec),
    names,
    layout: [...layout.values()],
  };

  function header(sh: Sheet, r0: number, width: number, title: string, agent: Agent): void {
    sh.set(r0, 1, 'title', { value: `${title}  ${opts.month}` });
    sh.merge(r0, 1, r0, width);
    sh.spec.rowHeights[r0] = 24;
    // 被考核人 / 工号 on the left (labels over the two narrow columns), 考核人 / 考核日期 on the right
    sh.set(r0 + 1, 1, 'label', { value: `${L.assessee}:` });
    sh.merge(r0 + 1, 1, r0 + 1, 2);
    sh.set(r0 + 1, 3, 'text', { value: agent.name });
    sh.set(r0 + 1, width - 2, 'label', { value: `${L.assessor}:` });
    sh.set(r0 + 1, width - 1, 'inputText', { value: null });
    sh.merge(r0 + 1, width - 1, r0 + 1, width, 'inputText');
    sh.set(r0 + 2, 1, 'label', { value: `${L.id}:` });
    sh.merge(r0 + 2, 1, r0 + 2, 2);
    const idCell = sh.set(r0 + 2, 3, 'text', { value: agent.id });
    layout.get(agent.id)!.idCell ??= { sheet: sh.spec.name, address: idCell };
    sh.set(r0 + 2, width - 2, 'label', { value: `${L.date}:` });
    sh.set(r0 + 2, width - 1, 'inputText', { value: null });
    sh.merge(r0 + 2, width - 1, r0 + 2, width, 'inputText');
  }

  function signature(sh: Sheet, r: number, cols: [number, number]): void {
    sh.set(r, cols[0], 'label', { value: `${L.signAssessee}${SIGN_LINE}` });
    sh.set(r, cols[1], 'label', { value: `${L.signAssessor}${SIGN_LINE}` });
  }
}

/** Column letter helper re-exported for writers. */
export { colName };
