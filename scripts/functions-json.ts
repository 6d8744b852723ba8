/**
 * functions.json root properties that custom-functions-metadata has no JSDoc tag for (Microsoft Learn:
 * "Manually create JSON metadata for custom functions"). webpack.config.js applies `withRootFlags` to the
 * asset CustomFunctionsMetadataPlugin makes from the JSDoc, which stays the only source of everything else.
 * - allowErrorForDataTypeAny: an error in an `any` argument reaches the function (src/functions/runtime.ts
 *   turns it into a KpiError), so RANK of totals with an error, or SCORE of an item that is #DIV/0!, gives
 *   the error the plain formulas give, with the functions' own messages. Without it Excel returns the error
 *   itself without calling the function; the equivalence tests check both give the same values.
 * - allowCustomDataForDataTypeAny: custom-functions-metadata already sets it; kept explicit, since the
 *   runtime handles data types (formatted numbers → their number, other data types → #VALUE!).
 */
export const ROOT_FLAGS = { allowCustomDataForDataTypeAny: true, allowErrorForDataTypeAny: true } as const;

/** The functions.json text with ROOT_FLAGS at its root (before `functions`), 4-space indented as generated. */
export function withRootFlags(json: string): string {
  const meta = JSON.parse(json) as Record<string, unknown>;
  if (!Array.isArray(meta.functions)) throw new Error('functions.json: no "functions" array at the root');
  return JSON.stringify({ ...ROOT_FLAGS, ...meta, ...ROOT_FLAGS }, null, 4);
}
