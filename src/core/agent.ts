/**
 * An agent of the roster, as every layer sees one: the workbook (templates), the engine, the input
 * files and the task pane. Defined once here; `templates/model.ts` and `core/engine.ts` re-export it.
 */

/** Which forms an agent has: pre-sales (forms A and B, the written test) or after-sales (the after-sales form). */
export type Role = 'pre-sales' | 'after-sales';

export interface Agent {
  /** employee id (工号), unique in the roster; kept as text exactly as given */
  id: string;
  name: string;
  role: Role;
  /** group (组); '' when the roster has none */
  group: string;
  /** the group's leader (组长) as the roster names them (its optional `leader` column); absent when not named */
  leader?: string;
  /** the workbook(s) a department's merged month took this agent's inputs from (`kpi-forms merge`, D16) */
  source?: string;
}
