/** The roster (花名册): id, name, role and group of every agent, in order. Readers take the agents from it. */
import { BuildContext, Sheet, SheetKind, WORDS as SHARED, roleWord } from './common';

/** What the roster offers: its id and role columns over the agents' rows, sheet-qualified (the records sheet looks ids up in them). */
export interface RosterOffer {
  ids: string;
  roles: string;
}

const WORDS = {
  zh: { sheet: '花名册', title: '花名册', leader: '组长', source: '来源工作簿' },
  en: { sheet: 'Roster', title: 'Roster', leader: 'Group leader', source: 'Source workbook' },
} as const;

/** The optional columns: the group's leader and, in a merged department month, the workbook(s) an agent came from. */
export const ROSTER_COLS = { leader: 5, source: 6 } as const;

/** The cells of an agent's row by field (id in A): a merge conflict names the cell of the field that differs. */
export function rosterCells(sheet: string, row: number): Record<'name' | 'role' | 'group' | 'leader', { sheet: string; cell: string }> {
  const at = (col: number) => ({ sheet, cell: `${String.fromCharCode(64 + col)}${row}` });
  return { name: at(2), role: at(3), group: at(4), leader: at(ROSTER_COLS.leader) };
}

/** Its first agent's row; columns id, name, role, group (src/xlsx/reader.ts reads them from here down). */
export const ROSTER_FIRST_ROW = 3;

function build(ctx: BuildContext, name: string): Sheet {
  const shared = SHARED[ctx.lang];
  const w = WORDS[ctx.lang];
  // leader and source only when the roster has them: a workbook without groups' leaders or merging looks as before
  const extra = ctx.agents.some((a) => a.leader || a.source);
  const sh = new Sheet('roster', name, [14, 16, 14, 12, ...(extra ? [12, 18] : [])]);
  sh.setAcross(1, 1, 4, 'title', { value: w.title });
  sh.setRow(ROSTER_FIRST_ROW - 1, 'header', [shared.id, shared.name, shared.role, shared.group, ...(extra ? [w.leader, w.source] : [])]);
  ctx.agents.forEach((a, i) => {
    const r = ROSTER_FIRST_ROW + i;
    sh.setRow(r, 'text', [a.id, a.name, roleWord(ctx.lang, a), a.group, ...(extra ? [a.leader ?? '', a.source ?? ''] : [])]);
  });
  const last = ROSTER_FIRST_ROW + Math.max(1, ctx.agents.length) - 1;
  ctx.offers.put('roster', { ids: sh.range(ROSTER_FIRST_ROW, 1, last, 1), roles: sh.range(ROSTER_FIRST_ROW, 3, last, 3) });
  sh.spec.freezeRows = ROSTER_FIRST_ROW - 1;
  sh.spec.printArea = `A1:${extra ? 'F' : 'D'}${Math.max(ROSTER_FIRST_ROW, ROSTER_FIRST_ROW - 1 + ctx.agents.length)}`;
  return sh;
}

export const roster: SheetKind<'roster'> = { key: 'roster', words: WORDS, perAgent: 'all', refersTo: [], build };
