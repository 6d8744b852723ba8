/**
 * What the task pane's first screen needs to know of the sheet kinds, without their builders (the registry
 * imports every sheet module; the pane loads those only when it inserts): the kinds it has a button for,
 * to insert that sheet alone, in the buttons' order. `registry.ts` checks each is a registered kind
 * (test/templates/registry.test.ts); the labels are the pane's words (`Strings.insertSheet`).
 */
import type { SheetKey } from './registry';

export const INSERT_BUTTONS = ['formA', 'formB', 'test', 'after', 'summary', 'rules'] as const satisfies readonly SheetKey[];

export type InsertButtonKey = (typeof INSERT_BUTTONS)[number];
