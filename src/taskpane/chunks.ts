/**
 * The pane's code that loads on demand: webpack `import()` chunks (docs/DESIGN.md "The task pane's
 * JavaScript"), so opening the pane downloads only what its first screen and the custom functions need.
 * Each chunk is fetched once, when first needed or on a hint that it soon will be (the pointer over a tab,
 * focus in the roster field: `preload`); once there its exports are at hand synchronously (`current()`),
 * so a piece whose chunk has arrived renders at once and shows a Spinner only while it has not.
 * A failed load (no network, or a newer deployment replaced the files) rejects with the problem
 * pane.chunkFailed, which the pane reports through its one error channel, worded in its language; the
 * next use tries again.
 */
import { Problem } from '../core/problem';
import { M } from './messages';

export interface Chunk<M> {
  /** the webpack chunk's name, e.g. `records` */
  readonly name: string;
  /** the chunk's module once loaded, else undefined */
  current(): M | undefined;
  /** loads the chunk (once; again after a failure). @throws Problem pane.chunkFailed */
  load(): Promise<M>;
  /** starts loading without waiting; a failure is left to the use that needs the chunk */
  preload(): void;
}

/** A chunk loaded by `importer` (an `import()` with its webpackChunkName). */
export function lazyChunk<M>(name: string, importer: () => Promise<M>): Chunk<M> {
  let mod: M | undefined;
  let pending: Promise<M> | undefined;
  const load = (): Promise<M> => {
    if (mod) return Promise.resolve(mod);
    pending ??= importer().then(
      (m) => (mod = m),
      (e: unknown) => {
        pending = undefined; // webpack forgets a failed chunk too: the next import() fetches it again
        // webpack's own text (ChunkLoadError: the file's URL) is for the details
        throw new Problem(
          M.chunkFailed,
          { chunk: name },
          { details: `chunk "${name}": ${String((e as Error | undefined)?.message ?? e)}`, cause: e },
        );
      },
    );
    return pending;
  };
  return { name, current: () => mod, load, preload: () => void load().catch(() => undefined) };
}

/** CSV and roster reading (inputs.ts, io/records.ts, csv-parse): a pasted roster, uploads, entries, the roster sheet. */
export const recordsChunk = lazyChunk('records', () => import(/* webpackChunkName: "records" */ './inputs'));

/** Building the forms (templates) and the Office.js writer: inserting, reading results, writing entries. */
export const excelChunk = lazyChunk('excel', () => import(/* webpackChunkName: "excel" */ './excel'));

/** The Import and Results tabs. */
export const tabsChunk = lazyChunk('tabs', () => import(/* webpackChunkName: "tabs" */ './components/tabs'));

/** The call-centre log import (call-log.ts, io/calls-core.ts). */
export const callsChunk = lazyChunk('calls', () => import(/* webpackChunkName: "calls" */ './call-log'));
