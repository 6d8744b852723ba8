// ExcelJS as the compiled command line loads it (scripts/build-cli.mjs): the Workbook, which reads and writes
// .xlsx files, and the enums. The package's own entry also loads the streaming reader and writer (unzipper,
// archiver, their streams), which kpi-forms does not use: about 0.1 s more at every `kpi-forms new`.
'use strict';
module.exports = { ...require('exceljs/lib/doc/enums'), Workbook: require('exceljs/lib/doc/workbook') };
