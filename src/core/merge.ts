/**
 * The department's month from several supervisors' workbooks (forms.md D16): S01's average (D5) and the ranking
 * (D8) are over every agent of the kind, whichever workbook their inputs came from, so the month is scored once
 * over the union of the workbooks' rosters, inputs and records.
 *
 * What may be merged: for each agent and item, one workbook gives it, or every workbook that gives it agrees
 * (the same typed figure; the same records, as a multiset, whatever their order). A workbook that gives nothing
 * for an agent (a blank form, the agent only on its roster) does not disagree. So the same workbook twice, or a
 * copy of it, merges without a conflict. What is refused, naming both workbooks and the cells: the same agent
 * with different inputs or records, a different name, kind, group or leader for the same id, another rule value.
 * A conflict is resolved only explicitly: the preferred workbooks (`prefer`, most preferred first) win over the
 * others, for whatever they give; the rules are the most preferred's. Workbooks of different months are never
 * merged, preferred or not (a record of one month is no day of the other): refused alone, before any conflict.
 *
 * Every input stays traceable: each record keeps the workbook it came from (`KpiRecord.source`, the records
 * sheet's source column), and each agent the workbooks its inputs came from (`Agent.source`, on the roster).
 *
 * Pure: the CLI (src/xlsx/month-book.ts reads a file) and the task pane (an uploaded workbook) share it.
 */
import type { Agent } from './agent';
import { Lang, Note, Problem, messages } from './problem';
import { KpiRecord, isEmptyRecord } from './records';
import type { Rules } from './rules';

/** A cell of a workbook, as messages name it. */
export interface BookCell {
  sheet: string;
  cell: string;
}

/** One supervisor's workbook of a month, as read (by the CLI from a file, by the pane from an upload or the open workbook). */
export interface MonthBook {
  /** the workbook as messages name it (the path as given, the uploaded file's name, "this workbook") */
  file: string;
  /** the name a merged month keeps of it (the roster's and the records' source column): the file's base name */
  source: string;
  month: string;
  monthCell: BookCell;
  lang: Lang;
  mode: 'kpi' | 'plain';
  rules: Rules;
  /** every cell of every rule's defined name (KPI_LANG and KPI_MODE aside: a view, not a rule), its value as text */
  ruleCells: Array<BookCell & { name: string; value: string }>;
  /** the roster, in order, with the cell of each agent's id and of each field a conflict may name */
  agents: Array<Agent & { at: BookCell; cells: Record<RosterField, BookCell> }>;
  /** the typed inputs given (blank cells absent): id → code → value and cell; the quarter's are `Q:YYYY-MM:rank`… */
  inputs: Record<string, Record<string, { value: number | string } & BookCell>>;
  /** the records sheet's rows (empty rows left out), each with its row */
  records: Array<KpiRecord & { sheet: string; row: number }>;
}

/** The roster's fields two workbooks must agree on for an id. */
export type RosterField = 'name' | 'role' | 'group' | 'leader';

/** The merged month: what buildWorkbook takes, every input from the workbook named as its source. */
export interface MergedMonth {
  month: string;
  rules: Rules;
  lang: Lang;
  mode: 'kpi' | 'plain';
  agents: Agent[];
  /** id → code → value (the quarter's codes `Q:…` among them: see `splitHistory`) */
  inputs: Record<string, Record<string, number | string>>;
  records: KpiRecord[];
  /** what was taken over a disagreement (--prefer), and workbooks given twice: said, never silent */
  notes: Note[];
}

export const MERGE = messages('merge', {
  refused: {
    en: (p: { n: number; files: readonly string[] }) =>
      `not merged: ${p.n} conflict${p.n > 1 ? 's' : ''} between the workbooks (${p.files.join(', ')}); nothing was written. Correct the workbook that is wrong, or choose the one that wins with --prefer FILE`,
    zh: (p: { n: number; files: readonly string[] }) =>
      `未合并:工作簿 (${p.files.join('、')}) 之间有 ${p.n} 处冲突;未写入任何内容。请改正有误的工作簿,或用 --prefer 文件 指定以哪个为准`,
    short: {
      en: (p: { n: number }) => `not merged: ${p.n} conflict${p.n > 1 ? 's' : ''} between the workbooks`,
      zh: (p: { n: number }) => `未合并:工作簿之间有 ${p.n} 处冲突`,
    },
  },
  refusedPane: {
    en: (p: { n: number; file: string }) =>
      `not merged: ${p.n} conflict${p.n > 1 ? 's' : ''} between this workbook and ${p.file}; nothing was changed. Correct the workbook that is wrong, or choose which one wins and merge again`,
    zh: (p: { n: number; file: string }) =>
      `未合并:本工作簿与 ${p.file} 之间有 ${p.n} 处冲突;未做任何更改。请改正有误的工作簿,或选择以哪个为准后再合并`,
    // the task pane's "what to do" (taskpane/strings.ts act): the choice it offers under the message
    act: 'mergeChoose',
  },
  /** workbooks of two months: never merged, whatever --prefer says (a record of one month is no day of the other) */
  month: {
    en: (p: { a: string; aCell: string; aMonth: string; b: string; bCell: string; bMonth: string }) =>
      `not merged: ${p.a} ${p.aCell} is the month ${p.aMonth}, ${p.b} ${p.bCell} the month ${p.bMonth}; workbooks of different months are never merged (D16), nothing was written: merge each month's workbooks on their own`,
    zh: (p: { a: string; aCell: string; aMonth: string; b: string; bCell: string; bMonth: string }) =>
      `未合并:${p.a} ${p.aCell} 的月份为 ${p.aMonth},${p.b} ${p.bCell} 的月份为 ${p.bMonth};不同月份的工作簿不能合并 (D16),未写入任何内容:请分别合并每个月的工作簿`,
    short: {
      en: (p: { aMonth: string; bMonth: string }) => `not merged: the workbooks are of different months (${p.aMonth}, ${p.bMonth})`,
      zh: (p: { aMonth: string; bMonth: string }) => `未合并:工作簿的月份不同(${p.aMonth}、${p.bMonth})`,
    },
    // the pane: choose another workbook (one of this month)
    act: 'mergeFile',
  },
  rule: {
    en: (p: { name: string; a: string; aCell: string; aValue: string; b: string; bCell: string; bValue: string }) =>
      `the rule ${p.name} is ${en(p.aValue)} in ${p.a} ${p.aCell} but ${en(p.bValue)} in ${p.b} ${p.bCell}; the department's month is scored by one rules sheet`,
    zh: (p: { name: string; a: string; aCell: string; aValue: string; b: string; bCell: string; bValue: string }) =>
      `规则 ${p.name} 在 ${p.a} ${p.aCell} 为 ${zh(p.aValue)},在 ${p.b} ${p.bCell} 为 ${zh(p.bValue)};部门的一个月只按一张规则表计分`,
  },
  roster: {
    en: (p: {
      id: string;
      field: 'name' | 'role' | 'group' | 'leader';
      a: string;
      aCell: string;
      aValue: string;
      b: string;
      bCell: string;
      bValue: string;
    }) =>
      `${p.id}: ${p.field === 'role' ? 'kind' : p.field} ${en(p.aValue)} in ${p.a} ${p.aCell}, ${en(p.bValue)} in ${p.b} ${p.bCell}; an id is one person, on every roster alike`,
    zh: (p: {
      id: string;
      field: 'name' | 'role' | 'group' | 'leader';
      a: string;
      aCell: string;
      aValue: string;
      b: string;
      bCell: string;
      bValue: string;
    }) =>
      `${p.id}:${FIELD_ZH[p.field]}在 ${p.a} ${p.aCell} 为 ${zh(roleZh(p.field, p.aValue))},在 ${p.b} ${p.bCell} 为 ${zh(roleZh(p.field, p.bValue))};同一工号是同一个人,各花名册应一致`,
  },
  input: {
    en: (p: { id: string; code: string; a: string; aCell: string; aValue: string; b: string; bCell: string; bValue: string }) =>
      `${p.id} ${p.code}: ${en(p.aValue)} in ${p.a} ${p.aCell} but ${en(p.bValue)} in ${p.b} ${p.bCell}; the same agent has different inputs in two workbooks`,
    zh: (p: { id: string; code: string; a: string; aCell: string; aValue: string; b: string; bCell: string; bValue: string }) =>
      `${p.id} ${p.code}:${p.a} ${p.aCell} 为 ${zh(p.aValue)},${p.b} ${p.bCell} 为 ${zh(p.bValue)};同一员工在两个工作簿中的输入不同`,
  },
  /**
   * The same agent's item recorded differently: the records of each workbook the other has not (their rows), and
   * when that is one record on each side, the fields in which they differ (`fields`, with each side's values).
   */
  records: {
    en: (p: RecordsParams) =>
      p.fields.length > 0
        ? `${p.id} ${p.code}: the record in ${p.a} ${p.aSheet} row ${p.aRows} has ${fieldsEn(p.fields, p.aValues)}, the one in ${p.b} ${p.bSheet} row ${p.bRows} ${fieldsEn(p.fields, p.bValues)}; ${RECORDS_RULE.en}`
        : `${p.id} ${p.code}: the records differ: ${onlyEn(p.a, p.aSheet, p.aRows, p.aN, p.b)}, ${onlyEn(p.b, p.bSheet, p.bRows, p.bN, p.a)}; ${RECORDS_RULE.en}`,
    zh: (p: RecordsParams) =>
      p.fields.length > 0
        ? `${p.id} ${p.code}:${p.a} ${p.aSheet} 第 ${p.aRows} 行的记录${fieldsZh(p.fields, p.aValues)},${p.b} ${p.bSheet} 第 ${p.bRows} 行的记录${fieldsZh(p.fields, p.bValues)};${RECORDS_RULE.zh}`
        : `${p.id} ${p.code}:记录不同:${onlyZh(p.a, p.aSheet, p.aRows, p.aN, p.b)},${onlyZh(p.b, p.bSheet, p.bRows, p.bN, p.a)};${RECORDS_RULE.zh}`,
    short: {
      en: (p: RecordsParams) => `${p.id} ${p.code}: the records differ between ${p.a} and ${p.b}`,
      zh: (p: RecordsParams) => `${p.id} ${p.code}:${p.a} 与 ${p.b} 的记录不同`,
    },
  },
  preferred: {
    en: (p: { file: string; n: number }) => `${p.file} preferred: ${p.n} conflict${p.n > 1 ? 's' : ''} resolved with its values`,
    zh: (p: { file: string; n: number }) => `以 ${p.file} 为准:${p.n} 处冲突取其值`,
  },
  twice: {
    en: (p: { file: string }) => `${p.file} given twice: read once`,
    zh: (p: { file: string }) => `${p.file} 给了两次:只读一次`,
  },
  preferNotGiven: {
    en: (p: { file: string; files: readonly string[] }) => `--prefer ${p.file} is not one of the workbooks merged (${p.files.join(', ')})`,
    zh: (p: { file: string; files: readonly string[] }) => `--prefer ${p.file} 不是要合并的工作簿之一 (${p.files.join('、')})`,
  },
  merged: {
    en: (p: { out: string; month: string; files: number; agents: number; pre: number; after: number; records: number }) =>
      `${p.out}: department month ${p.month}, ${p.files} ${plural(p.files, 'workbook')}, ${p.agents} ${plural(p.agents, 'agent')} (${p.pre} pre-sales, ${p.after} after-sales); ${p.records} ${plural(p.records, 'record')}; S01's average and the ranks are over all of them (D16)`,
    zh: (p: { out: string; month: string; files: number; agents: number; pre: number; after: number; records: number }) =>
      `${p.out}:由 ${p.files} 个工作簿合并的部门 ${p.month} 月:${p.agents} 名员工(售前 ${p.pre}、售后 ${p.after}),${p.records} 条记录;S01 平均单量与排名按全部员工计算 (D16)`,
  },
});

const FIELD_ZH = { name: '姓名', role: '岗位', group: '组', leader: '组长' } as const;
/** A kind as the Chinese roster writes it (the value is the role's key, quoted). */
const roleZh = (field: string, v: string): string =>
  field !== 'role' ? v : v === '"pre-sales"' ? '"售前"' : v === '"after-sales"' ? '"售后"' : v;

interface RecordsParams {
  id: string;
  code: string;
  a: string;
  aSheet: string;
  /** the rows of `a`'s records that `b` has not (as rowList gives them) */
  aRows: string;
  aN: number;
  b: string;
  bSheet: string;
  bRows: string;
  bN: number;
  /** one record on each side: the fields that differ (RECORD_FIELDS' keys), else none */
  fields: readonly string[];
  aValues: readonly string[];
  bValues: readonly string[];
}
/** A record's fields as a conflict names them (the records sheet's column headings). */
const RECORD_FIELDS = {
  date: { en: 'date', zh: '日期' },
  count: { en: 'count', zh: '次数' },
  evidence: { en: 'evidence', zh: '证据' },
  by: { en: 'recorded by', zh: '记录人' },
  status: { en: 'status', zh: '状态' },
} as const;
const RECORDS_RULE = {
  en: "the same agent's item is recorded in one workbook, or alike in both",
  zh: '同一员工的同一项目只应记在一个工作簿中,或两处相同',
};
const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);
/** "row 4", "rows 4–6, 9" */
const rowsEn = (rows: string) => `${/[,–]/.test(rows) ? 'rows' : 'row'} ${rows}`;
const fieldWord = (f: string, lang: Lang) => RECORD_FIELDS[f as keyof typeof RECORD_FIELDS]?.[lang] ?? f;
const fieldsEn = (fields: readonly string[], values: readonly string[]) =>
  fields.map((f, i) => `${fieldWord(f, 'en')} ${en(values[i] ?? '')}`).join(' and ');
const fieldsZh = (fields: readonly string[], values: readonly string[]) =>
  fields.map((f, i) => `${fieldWord(f, 'zh')}为 ${zh(values[i] ?? '')}`).join('、');
const onlyEn = (x: string, sheet: string, rows: string, n: number, y: string) =>
  n === 0 ? `every record in ${x} is also in ${y}` : `${n} ${plural(n, 'record')} in ${x} ${sheet} (${rowsEn(rows)}) not in ${y}`;
const onlyZh = (x: string, sheet: string, rows: string, n: number, y: string) =>
  n === 0 ? `${x} 的记录 ${y} 中都有` : `${x} ${sheet} 有 ${n} 条记录(第 ${rows} 行)${y} 中没有`;

/** A value as a conflict shows it: a number as is, text quoted, nothing as (blank). */
const shown = (v: unknown): string =>
  v === null || v === undefined || v === '' ? '' : typeof v === 'number' ? String(v) : JSON.stringify(String(v));
/** A value of a conflict in a message: blank said in the language. */
const en = (v: string) => v || '(blank)';
const zh = (v: string) => v || '(空)';
const at = (c: BookCell): string => `${c.sheet}!${c.cell}`;
/** A record's identity for comparing workbooks (its source aside: a merged workbook merged again is the same). */
const signature = (r: KpiRecord): string =>
  JSON.stringify([r.date, r.id.toUpperCase(), r.code.toUpperCase(), r.count, r.evidence, r.by, r.status]);
/** The records of `a` that `b` has not, as multisets (the excess of each signature, in row order). */
function notIn<R extends KpiRecord>(a: readonly R[], b: readonly R[]): R[] {
  const left = new Map<string, number>();
  for (const r of b) left.set(signature(r), (left.get(signature(r)) ?? 0) + 1);
  return a.filter((r) => {
    const n = left.get(signature(r)) ?? 0;
    if (n > 0) left.set(signature(r), n - 1);
    return n === 0;
  });
}
const recordFields = ['date', 'count', 'evidence', 'by', 'status'] as const;
/** A record's field as a conflict shows it (as `signature` compares it). */
const shownField = (r: KpiRecord, f: (typeof recordFields)[number]): string => shown(r[f]);
/** Row numbers as a short list: 5–9, 12. */
function rowList(rows: number[]): string {
  const s = [...rows].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    out.push(j > i ? `${s[i]}–${s[j]}` : String(s[i]));
    i = j + 1;
  }
  return out.join(', ');
}

/**
 * Merges supervisors' workbooks of one month into the department's (D16).
 * @param books the workbooks in the order given (the first's language and formula mode are the merged month's)
 * @param prefer workbooks (their `file`) that win a conflict, most preferred first
 * @throws Problem `merge.refused` carrying every conflict (each naming both workbooks and the cells) when one is not
 *   resolved by `prefer`; `merge.preferNotGiven` for a preferred workbook that is not among `books`
 */
export function mergeMonthBooks(
  books: readonly MonthBook[],
  prefer: readonly string[] = [],
  refusal: (n: number, files: string[]) => Problem = (n, files) => new Problem(MERGE.refused, { n, files }),
): MergedMonth {
  const files = books.map((b) => b.file);
  for (const f of prefer) if (!files.includes(f)) throw new Problem(MERGE.preferNotGiven, { file: f, files });
  const rank = (b: MonthBook) => (prefer.includes(b.file) ? prefer.indexOf(b.file) : Infinity);
  const conflicts: Problem[] = [];
  const resolved = new Map<string, number>();
  /**
   * Among the workbooks that give a thing, those that disagree with the first: resolved when the most preferred of
   * them is preferred (its value is taken), else one conflict per disagreeing workbook. Returns the one to take.
   */
  function decide<T>(
    given: Array<{ book: MonthBook; value: T }>,
    same: (a: T, b: T) => boolean,
    conflict: (a: { book: MonthBook; value: T }, b: { book: MonthBook; value: T }) => Problem,
  ): { book: MonthBook; value: T } {
    const first = given[0];
    const differ = given.filter((g) => !same(g.value, first.value));
    if (differ.length === 0) return first;
    const best = given.reduce((x, g) => (rank(g.book) < rank(x.book) ? g : x), first);
    if (rank(best.book) < Infinity) {
      resolved.set(best.book.file, (resolved.get(best.book.file) ?? 0) + 1);
      return best;
    }
    for (const d of differ) conflicts.push(conflict(first, d));
    return first;
  }

  // one month: workbooks of two months are never merged, --prefer or not (a record of one is no day of the other);
  // refused alone, since every input of the agents they share would differ too only because the months do
  const other = books.find((b) => b.month !== books[0].month);
  if (other)
    throw new Problem(MERGE.month, {
      a: books[0].file,
      aCell: at(books[0].monthCell),
      aMonth: books[0].month,
      b: other.file,
      bCell: at(other.monthCell),
      bMonth: other.month,
    });
  const month = books[0].month;
  // the rules: one department month has one rules sheet
  const base = books.reduce((x, b) => (rank(b) < rank(x) ? b : x), books[0]);
  const ruleNames = [...new Set(books.flatMap((b) => b.ruleCells.map((c) => c.name)))];
  for (const name of ruleNames) {
    const cellsOf = (b: MonthBook) => b.ruleCells.filter((c) => c.name === name);
    decide(
      books.map((book) => ({ book, value: cellsOf(book) })),
      (a, b) => a.length === b.length && a.every((c, i) => c.value === b[i].value),
      (a, b) => {
        // the first cell of the name where they differ
        const i = Math.max(
          0,
          a.value.findIndex((c, k) => c.value !== b.value[k]?.value),
        );
        const [ca, cb] = [a.value[i], b.value[i] ?? b.value[0]];
        return new Problem(MERGE.rule, {
          name,
          a: a.book.file,
          aCell: ca ? at(ca) : name,
          aValue: ca?.value ?? '',
          b: b.book.file,
          bCell: cb ? at(cb) : name,
          bValue: cb?.value ?? '',
        });
      },
    );
  }
  const rules = (rank(base) < Infinity ? base : books[0]).rules;

  // the roster: every agent once, in the order first met; an id means one person
  const agents = new Map<string, { agent: Agent; sources: string[] }>();
  const rosterOf = new Map<string, Array<{ book: MonthBook; agent: MonthBook['agents'][number] }>>();
  for (const book of books)
    for (const a of book.agents) {
      const key = a.id.toUpperCase();
      const list = rosterOf.get(key) ?? [];
      if (!rosterOf.has(key)) rosterOf.set(key, list);
      list.push({ book, agent: a });
    }
  for (const [, list] of rosterOf) {
    const fields = ['name', 'role', 'group', 'leader'] as const;
    const chosen: Record<string, string> = {};
    for (const field of fields) {
      // a leader not named is no disagreement
      const given = list
        .filter((g) => field !== 'leader' || g.agent.leader)
        .map((g) => ({ book: g.book, value: g.agent, text: g.agent[field] ?? '' }));
      if (given.length === 0) continue;
      const pick = decide(
        given.map((g) => ({ book: g.book, value: g.value })),
        (x, y) => (x[field] ?? '') === (y[field] ?? ''),
        (x, y) =>
          new Problem(MERGE.roster, {
            id: x.value.id,
            field,
            a: x.book.file,
            aCell: at(x.value.cells[field]),
            aValue: shown(x.value[field]),
            b: y.book.file,
            bCell: at(y.value.cells[field]),
            bValue: shown(y.value[field]),
          }),
      );
      chosen[field] = pick.value[field] ?? '';
    }
    const first = list[0].agent;
    const agent: Agent = { id: first.id, name: chosen.name, role: chosen.role as Agent['role'], group: chosen.group };
    if (chosen.leader) agent.leader = chosen.leader;
    agents.set(first.id.toUpperCase(), { agent, sources: [] });
  }
  /** An agent's inputs came from `book`: named by its file, or by the workbook a merged one had them from. */
  const sourceOf = (key: string, book: MonthBook) => {
    const a = agents.get(key);
    const name = rosterOf.get(key)?.find((g) => g.book === book)?.agent.source || book.source;
    if (a && !a.sources.includes(name)) a.sources.push(name);
  };

  // the typed inputs, per agent and code
  const inputs: MergedMonth['inputs'] = {};
  const typed = new Map<string, Array<{ book: MonthBook; value: { value: number | string } & BookCell; id: string }>>();
  for (const book of books)
    for (const [id, codes] of Object.entries(book.inputs))
      for (const [code, v] of Object.entries(codes)) {
        const key = `${id.toUpperCase()}\u0000${code}`;
        const list = typed.get(key) ?? [];
        if (!typed.has(key)) typed.set(key, list);
        list.push({ book, value: v, id });
      }
  for (const [key, list] of typed) {
    const [idKey, code] = key.split('\u0000');
    const pick = decide(
      list.map((g) => ({ book: g.book, value: g.value })),
      (x, y) => x.value === y.value,
      (x, y) =>
        new Problem(MERGE.input, {
          id: list[0].id,
          code,
          a: x.book.file,
          aCell: at(x.value),
          aValue: shown(x.value.value),
          b: y.book.file,
          bCell: at(y.value),
          bValue: shown(y.value.value),
        }),
    );
    const id = agents.get(idKey)?.agent.id ?? list[0].id;
    (inputs[id] ??= {})[code] = pick.value.value;
    sourceOf(idKey, pick.book);
  }

  // the records, per agent and code: one workbook's, or the same in each that has some
  const byKey = new Map<string, Map<MonthBook, MonthBook['records']>>();
  for (const book of books)
    for (const r of book.records) {
      if (isEmptyRecord(r)) continue;
      const key = `${r.id.trim().toUpperCase()}\u0000${r.code.trim().toUpperCase()}`;
      const per = byKey.get(key) ?? new Map<MonthBook, MonthBook['records']>();
      if (!byKey.has(key)) byKey.set(key, per);
      const list = per.get(book) ?? [];
      if (!per.has(book)) per.set(book, list);
      list.push(r);
    }
  const taken: Array<{ order: number; record: KpiRecord }> = [];
  for (const [key, per] of byKey) {
    const given = [...per].map(([book, value]) => ({ book, value }));
    const multiset = (rs: MonthBook['records']) => rs.map(signature).sort().join('\n');
    const pick = decide(
      given,
      (x, y) => multiset(x) === multiset(y),
      (x, y) => {
        const [xs, ys] = [notIn(x.value, y.value), notIn(y.value, x.value)];
        // one record on each side: say in which fields they differ
        const fields = xs.length === 1 && ys.length === 1 ? recordFields.filter((f) => shownField(xs[0], f) !== shownField(ys[0], f)) : [];
        return new Problem(MERGE.records, {
          id: x.value[0].id,
          code: x.value[0].code,
          a: x.book.file,
          aSheet: x.value[0].sheet,
          aRows: rowList(xs.map((r) => r.row)),
          aN: xs.length,
          b: y.book.file,
          bSheet: y.value[0].sheet,
          bRows: rowList(ys.map((r) => r.row)),
          bN: ys.length,
          fields,
          aValues: fields.map((f) => shownField(xs[0], f)),
          bValues: fields.map((f) => shownField(ys[0], f)),
        });
      },
    );
    const bookIndex = books.indexOf(pick.book);
    for (const r of pick.value) {
      const { sheet: _sheet, row, ...record } = r;
      void _sheet;
      taken.push({ order: bookIndex * 1e7 + row, record: { ...record, source: r.source || pick.book.source } });
    }
    sourceOf(key.split('\u0000')[0], pick.book);
  }
  // each workbook's records in its own order, the workbooks in the order given
  taken.sort((a, b) => a.order - b.order);

  if (conflicts.length > 0) {
    const involved = [...new Set(conflicts.flatMap((c) => [c.params.a as string, c.params.b as string]))];
    const head = refusal(conflicts.length, involved);
    // the headline counts the conflicts and names the workbooks; the conflicts are listed under it, not counted again
    throw new Problem(head.text, head.params, { more: conflicts, sums: true });
  }
  const notes = [...resolved].map(([file, n]) => new Note(MERGE.preferred, { file, n }));
  // an agent's workbook(s): those its inputs came from, else the first roster it is on
  const merged: Agent[] = [...agents.values()].map(({ agent, sources }) => {
    const first = rosterOf.get(agent.id.toUpperCase())![0];
    return { ...agent, source: sources.length > 0 ? sources.join(', ') : first.agent.source || first.book.source };
  });
  return { month, rules, lang: books[0].lang, mode: books[0].mode, agents: merged, inputs, records: taken.map((t) => t.record), notes };
}

/** The merged inputs split as buildWorkbook takes them: the typed inputs, and the quarter sheet's months (`Q:YYYY-MM:rank`…). */
export function splitHistory(inputs: MergedMonth['inputs']): {
  inputs: Record<string, Record<string, number | string>>;
  history: Record<string, Record<string, { rank?: number | ''; bottomRank?: number | ''; redLines?: number }>>;
} {
  const out: Record<string, Record<string, number | string>> = {};
  const history: Record<string, Record<string, { rank?: number | ''; bottomRank?: number | ''; redLines?: number }>> = {};
  for (const [id, codes] of Object.entries(inputs))
    for (const [code, v] of Object.entries(codes)) {
      const q = /^Q:(\d{4}-\d{2}):(rank|bottomRank|redLines)$/.exec(code);
      if (q) ((history[id] ??= {})[q[1]] ??= {})[q[2] as 'rank'] = v as number;
      else (out[id] ??= {})[code] = v;
    }
  return { inputs: out, history };
}
