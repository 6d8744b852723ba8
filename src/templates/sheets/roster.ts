/** The roster (花名册): id, name, role and group of every agent, in order. Readers take the agents from it. */
import { BuildContext, Sheet, SheetKind, WORDS as SHARED, roleWord } from './common';

const WORDS = { zh: { title: '花名册' }, en: { title: 'Roster' } } as const;

/** Its first agent's row; columns id, name, role, group (src/xlsx/reader.ts reads them from here down). */
export const ROSTER_FIRST_ROW = 3;

function build(ctx: BuildContext, name: string): Sheet {
  const shared = SHARED[ctx.lang];
  const sh = new Sheet('roster', name, [14, 16, 14, 12]);
  sh.set(1, 1, 'title', { value: WORDS[ctx.lang].title });
  sh.merge(1, 1, 1, 4);
  [shared.id, shared.name, shared.role, shared.group].forEach((h, c) => sh.set(ROSTER_FIRST_ROW - 1, c + 1, 'header', { value: h }));
  ctx.agents.forEach((a, i) => {
    const r = ROSTER_FIRST_ROW + i;
    sh.set(r, 1, 'text', { value: a.id });
    sh.set(r, 2, 'text', { value: a.name });
    sh.set(r, 3, 'text', { value: roleWord(ctx.lang, a) });
    sh.set(r, 4, 'text', { value: a.group });
  });
  sh.spec.freezeRows = ROSTER_FIRST_ROW - 1;
  sh.spec.printArea = `A1:D${Math.max(ROSTER_FIRST_ROW, ROSTER_FIRST_ROW - 1 + ctx.agents.length)}`;
  return sh;
}

export const roster: SheetKind<'roster'> = {
  key: 'roster',
  names: { zh: '花名册', en: 'Roster' },
  perAgent: 'all',
  refersTo: [],
  build,
};
