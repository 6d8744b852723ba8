/**
 * The department's month from several supervisors' workbooks (forms.md D16): S01's average (D5) and the ranking
 * (D8) are over every agent of the kind, whichever workbook their inputs came from, so the month is scored once
 * over the union of the workbooks' rosters, inputs and records.
 *
 * What may be merged: for each agent and item, one workbook gives it, or every workbook that gives it agrees
 * (the same typed figure; the same records, as a multiset, whatever their order). A workbook that gives nothing
 * for an agent (a blank form, the agent only on its roster) does not disagree. So the same workbook twice, or a
 * copy of it, merges without a conflict. What is refused, naming both workbooks and the cells: the same agent
 * with different inputs or records, a different name, kind, group or leader for the same id, another month,
 * another rule value. A conflict is resolved only explicitly: the preferred workbooks (`prefer`, most preferred
 * first) win over the others, for whatever they give; the month and the rules are the most preferred's.
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
  /** the roster, in order, with the cell of each agent's id */
  agents: Array<Agent & { at: BookCell }>;
  /** the typed inputs given (blank cells absent): id → code → value and cell; the quarter's are `Q:YYYY-MM:rank`… */
  inputs: Record<string, Record<string, { value: number | string } & BookCell>>;
  /** the records sheet's rows (empty rows left out), each with its row */
  records: Array<KpiRecord & { sheet: string; row: number }>;
}

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
  month: {
    en: (p: { a: string; aCell: string; aMonth: string; b: string; bCell: string; bMonth: string }) =>
      `${p.a} ${p.aCell} is the month ${p.aMonth}, ${p.b} ${p.bCell} the month ${p.bMonth}; one department month has one month (D16)`,
    zh: (p: { a: string; aCell: string; aMonth: string; b: string; bCell: string; bMonth: string }) =>
      `${p.a} ${p.aCell} 的月份为 ${p.aMonth},${p.b} ${p.bCell} 的月份为 ${p.bMonth};部门的一个月只能有一个月份 (D16)`,
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
      `${p.id}:${FIELD_ZH[p.field]}在 ${p.a} ${p.aCell} 为 ${zh(p.aValue)},在 ${p.b} ${p.bCell} 为 ${zh(p.bValue)};同一工号是同一个人,各花名册应一致`,
  },
  input: {
    en: (p: { id: string; code: string; a: string; aCell: string; aValue: string; b: string; bCell: string; bValue: string }) =>
      `${p.id} ${p.code}: ${en(p.aValue)} in ${p.a} ${p.aCell} but ${en(p.bValue)} in ${p.b} ${p.bCell}; the same agent has different inputs in two workbooks`,
    zh: (p: { id: string; code: string; a: string; aCell: string; aValue: string; b: string; bCell: string; bValue: string }) =>
      `${p.id} ${p.code}:${p.a} ${p.aCell} 为 ${zh(p.aValue)},${p.b} ${p.bCell} 为 ${zh(p.bValue)};同一员工在两个工作簿中的输入不同`,
  },
  records: {
    en: (p: {
      id: string;
      code: string;
      a: string;
      aSheet: string;
      aRows: string;
      aN: number;
      b: string;
      bSheet: string;
      bRows: string;
      bN: number;
    }) =>
      `${p.id} ${p.code}: the records differ, ${p.aN} in ${p.a} ${p.aSheet} (rows ${p.aRows}) and ${p.bN} in ${p.b} ${p.bSheet} (rows ${p.bRows}); the same agent's item is recorded in one workbook, or alike in both`,
    zh: (p: {
      id: string;
      code: string;
      a: string;
      aSheet: string;
      aRows: string;
      aN: number;
      b: string;
      bSheet: string;
      bRows: string;
      bN: number;
    }) =>
      `${p.id} ${p.code}:记录不同,${p.a} ${p.aSheet} 有 ${p.aN} 条(第 ${p.aRows} 行),${p.b} ${p.bSheet} 有 ${p.bN} 条(第 ${p.bRows} 行);同一员工的同一项目只应记在一个工作簿中,或两处相同`,
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
      `${p.out}: department month ${p.month}, ${p.files} workbooks, ${p.agents} agents (${p.pre} pre-sales, ${p.after} after-sales); ${p.records} records; S01's average and the ranks are over all of them (D16)`,
    zh: (p: { out: string; month: string; files: number; agents: number; pre: number; after: number; records: number }) =>
      `${p.out}:由 ${p.files} 个工作簿合并的部门 ${p.month} 月:${p.agents} 名员工(售前 ${p.pre}、售后 ${p.after}),${p.records} 条记录;S01 平均单量与排名按全部员工计算 (D16)`,
  },
});

const FIELD_ZH = { name: '姓名', role: '岗位', group: '组', leader: '组长' } as const;

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

  // the month and the rules: one department month has one of each
  const base = books.reduce((x, b) => (rank(b) < rank(x) ? b : x), books[0]);
  const month = decide(
    books.map((book) => ({ book, value: book.month })),
    (a, b) => a === b,
    (a, b) =>
      new Problem(MERGE.month, {
        a: a.book.file,
        aCell: at(a.book.monthCell),
        aMonth: a.value,
        b: b.book.file,
        bCell: at(b.book.monthCell),
        bMonth: b.value,
      }),
  ).value;
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
            aCell: at(x.value.at),
            aValue: shown(x.value[field]),
            b: y.book.file,
            bCell: at(y.value.at),
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
      (x, y) =>
        new Problem(MERGE.records, {
          id: x.value[0].id,
          code: x.value[0].code,
          a: x.book.file,
          aSheet: x.value[0].sheet,
          aRows: rowList(x.value.map((r) => r.row)),
          aN: x.value.length,
          b: y.book.file,
          bSheet: y.value[0].sheet,
          bRows: rowList(y.value.map((r) => r.row)),
          bN: y.value.length,
        }),
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
    throw new Problem(head.text, head.params, { more: conflicts });
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
