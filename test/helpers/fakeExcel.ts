/**
 * A small, strict, in-memory Excel for the Office.js writer's tests and the sync-count benchmark.
 *
 * Like Office.js it queues: setting a property or calling a method records an operation, and
 * `context.sync()` runs the queue in order, stopping at the first failing operation with an
 * OfficeExtension.Error-like error (`code`, `message`, `debugInfo`). Loaded properties (`items`,
 * `values`, `isNullObject`) can only be read after a sync. It is strict where Excel is: sheet names are
 * unique case-insensitively, defined names cannot be added twice, a 2-D array must match its range,
 * a protected sheet refuses what Excel refuses there (writing locked cells; formats, number formats and
 * borders unless allowFormatCells; column widths and row heights unless allowFormatColumns/Rows; merges,
 * data validation, conditional formats, page layout, print area and titles, page breaks and locking
 * always), merges cannot overlap, a password-protected sheet is only unprotected with its password,
 * a hidden sheet cannot be activated, deleting a sheet turns every reference to it in the other
 * sheets' formulas (cells, conditional formats, custom validations) and in defined names into #REF!
 * for good (a sheet later given its name does not bring them back), "fit to pages" without a height
 * keeps one page tall (the height set before, else 1), and text
 * written through `formulas`/`values` is read the way Excel reads typed input (`=…` is a formula, a
 * number-like text becomes a number, a leading apostrophe keeps text as text).
 * `Range.copyFrom` (ExcelApi 1.9, 'Formulas' and 'Values') pastes like Excel: the source repeated over a destination
 * that is a multiple of it, relative references moved as a fill moves them (`movedFormula`).
 * It also counts syncs, operations and the approximate request payload of each sync.
 *
 * It is one Excel host (fake-excel/hosts.ts; default: Microsoft 365 current) and as strict as that host:
 *  - an operation of an API member above the host's ExcelApi version fails the sync with `ApiNotFound`
 *    at that operation (the ones before it ran), the version taken from the `[Api set: …]` annotation of
 *    the member in @types/office-js (`apiSetOf`);
 *  - on Excel on the web a sync whose payload (UTF-8 bytes of the JSON of its operations: values, formulas,
 *    addresses) is over 5 MB fails with `RequestPayloadSizeLimitExceeded` before anything runs;
 *  - a data-validation formula or list source over 255 characters is refused (`InvalidArgument`);
 *  - fit-to-pages (`pageLayout.zoom` without `scale`) is accepted and ignored (office-js #1860);
 *  - after a sync that writes, the next read(s) of cells with `KPI.` formulas give `#BUSY!` (host.busyReads);
 *  - in cell edit mode (`cellEditMode = true`) every sync fails with `InvalidOperationInCellEditMode`.
 *
 * One module per concern under fake-excel/: hosts.ts (the Excel hosts and their requirement sets),
 * sheet.ts (a sheet's state, A1 ranges, errors), cells.ts (typed input, #REF! after a delete),
 * requests.ts (payload sizes, API versions), workbook.ts (the workbook and its request context).
 */
export type { FakeHost } from './fake-excel/hosts';
export { ALL_HOSTS, HOSTS, WEB_REQUEST_LIMIT, manifestLoads } from './fake-excel/hosts';
export { FakeOfficeError, FakeSheet } from './fake-excel/sheet';
export type { FakeCell, FakeConditionalFormat, FakeValidation } from './fake-excel/sheet';
export { movedFormula, refsAfterDelete } from './fake-excel/cells';
export { apiSetOf, payloadBytes, utf8Bytes } from './fake-excel/requests';
export type { FakeRunStats } from './fake-excel/requests';
export { FakeWorkbook } from './fake-excel/workbook';
