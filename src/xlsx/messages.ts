/**
 * What reading and writing .xlsx files tells a user, in both languages (core/problem.ts): a file that is
 * not an .xlsx or is damaged (package.ts, naming the part or the sheet as the user sees it), a workbook
 * whose rules, roster or layout cannot be read (reader.ts), an output file that is in the way (writer.ts).
 * The English wording is the one the CLI and the tests have always shown; the Chinese uses the forms'
 * terms (工作簿, 工作表, 定义名称, 规则表, 花名册, 工号). Part names, sheet names, cell addresses, defined
 * names and values stay as they are in both. Only the CLI shows these (the task pane reads no files), so
 * no message has a pane action.
 *
 * The fast reader's own refusals (fast-read.ts, xml-scan.ts) are not here: they make the reader fall
 * back to ExcelJS and are never shown.
 */
import { Lang, messages } from '../core/problem';

/** Chinese text meeting Latin text, a digit or a quote gets a space between (`部件 xl/a.xml 缺失`); a bracket does not (`…)缺失`). */
function join(a: string, b: string): string {
  const cjk = /[\u3400-\u9fff]/;
  const latin = /[A-Za-z0-9"<>/.]/;
  const gap = (latin.test(a.slice(-1)) && cjk.test(b[0] ?? '')) || (cjk.test(a.slice(-1)) && latin.test(b[0] ?? ''));
  return gap ? `${a} ${b}` : a + b;
}

/** The advice for a damaged file. */
const DAMAGED: Record<Lang, string> = {
  en: 'the file is damaged: use an earlier copy, or open it in Excel (which repairs what it can) and save it again',
  zh: '文件已损坏:请使用较早的副本,或在 Excel 中打开(Excel 会尽量修复)后重新保存',
};

/** What a package part that is not a sheet holds, for messages about it. */
const PART_ROLES: Record<string, Record<Lang, string>> = {
  'xl/workbook.xml': { en: "the workbook's list of sheets and defined names", zh: '工作簿的工作表列表和定义名称' },
  'xl/_rels/workbook.xml.rels': { en: "where the workbook's sheets are stored", zh: '工作簿各工作表的存放位置' },
  'xl/sharedStrings.xml': { en: 'the text of the cells', zh: '单元格中的文本' },
  'xl/styles.xml': { en: 'the cell formats', zh: '单元格格式' },
  '_rels/.rels': { en: "the package's relationships", zh: '文件包的关系' },
  'docProps/app.xml': { en: 'the document properties', zh: '文档属性' },
  'docProps/core.xml': { en: 'the document properties', zh: '文档属性' },
};

/** A part of the zip package, and the sheet it holds (by the name the user sees), if it holds one. */
export type PartParams = { file: string; part: string; sheet?: string };

/** `the sheet "表B-纪律" (part xl/worksheets/sheet3.xml)` or `the part xl/sharedStrings.xml (the text of the cells)` */
function subject(lang: Lang, p: PartParams): string {
  const role = PART_ROLES[p.part]?.[lang];
  if (lang === 'en') {
    if (p.sheet !== undefined) return `the sheet "${p.sheet}" (part ${p.part})`;
    return role ? `the part ${p.part} (${role})` : `the part ${p.part}`;
  }
  if (p.sheet !== undefined) return `工作表 "${p.sheet}"(部件 ${p.part})`;
  return role ? `部件 ${p.part}(${role})` : `部件 ${p.part}`;
}

// ---------------- a damaged part ----------------

/** What is wrong with a part (`what`), and the parameters each needs beyond the part. */
export type Damage =
  | { what: 'missingFromFile' | 'missing' | 'misplaced' | 'endsInside' | 'cannotUnpack' | 'checksum' | 'empty' }
  | ({ what: 'notWellFormed' } & XmlFault)
  | { what: 'notXml'; bytes: string }
  | { what: 'xmlCutShort'; root: string }
  | { what: 'noSheets' | 'unnamedSheet' }
  | { what: 'sheetTwice'; name: string }
  | { what: 'noRelationship'; rid: string; name: string }
  | { what: 'samePart'; first: string; name: string; target: string };
type DamageParams = PartParams & Damage;

/** Where a parser found a part not XML (its line and column, when it says them) and why, in its own words. */
export type XmlFault = { line?: number; column?: number; reason: string };

/** Where a parser found a part not XML: `line 3, column 7: unclosed tag: x` / `第 3 行第 7 列:unclosed tag: x` (the parser's own reason as it says it). */
function xmlAt(lang: Lang, p: XmlFault): string {
  if (p.line === undefined) return p.reason;
  return lang === 'en' ? `line ${p.line}, column ${p.column}: ${p.reason}` : `第 ${p.line} 行第 ${p.column} 列:${p.reason}`;
}

const DAMAGE: { [W in Damage['what']]: Record<Lang, (p: Extract<DamageParams, { what: W }>) => string> } = {
  missingFromFile: { en: () => 'is missing from the file', zh: () => '不在文件中' },
  missing: { en: () => 'is missing', zh: () => '缺失' },
  misplaced: { en: () => 'cannot be found where the zip directory says it is', zh: () => '不在 zip 目录所指的位置' },
  endsInside: { en: () => 'is cut short (the file ends inside it)', zh: () => '被截断(文件在其中途结束)' },
  cannotUnpack: { en: () => 'cannot be unpacked (its compressed data is damaged)', zh: () => '无法解压(其压缩数据已损坏)' },
  checksum: {
    en: () => "does not match the zip's checksum (its bytes were changed or lost)",
    zh: () => '与 zip 中的校验和不符(其字节被改动或丢失)',
  },
  empty: { en: () => 'is empty', zh: () => '是空的' },
  notWellFormed: { en: (p) => `is not well-formed XML (${xmlAt('en', p)})`, zh: (p) => `不是格式正确的 XML(${xmlAt('zh', p)})` },
  notXml: { en: (p) => `is not XML (it begins with the bytes ${p.bytes})`, zh: (p) => `不是 XML(开头的字节为 ${p.bytes})` },
  xmlCutShort: {
    en: (p) => `is cut short (its XML does not end with </${p.root}>)`,
    zh: (p) => `被截断(其 XML 不以 </${p.root}> 结尾)`,
  },
  noSheets: { en: () => 'lists no sheets', zh: () => '中没有列出任何工作表' },
  unnamedSheet: { en: () => 'lists a sheet without a name', zh: () => '列出了一个没有名称的工作表' },
  sheetTwice: { en: (p) => `lists the sheet name "${p.name}" twice`, zh: (p) => `两次列出工作表名称 "${p.name}"` },
  noRelationship: {
    en: (p) => `lacks the relationship ${p.rid || '(none)'} of the sheet "${p.name}"`,
    zh: (p) => `缺少工作表 "${p.name}" 的关系${p.rid ? ` ${p.rid}` : '(无)'}`,
  },
  samePart: {
    en: (p) => `gives the sheets "${p.first}" and "${p.name}" the same part ${p.target}`,
    zh: (p) => `让工作表 "${p.first}" 和 "${p.name}" 使用同一个部件 ${p.target}`,
  },
};

function damaged(lang: Lang, p: DamageParams): string {
  const what = (DAMAGE[p.what][lang] as (q: DamageParams) => string)(p);
  return lang === 'en'
    ? `${p.file}: ${subject('en', p)} ${what}; ${DAMAGED.en}`
    : `${p.file}:${join(subject('zh', p), what)};${DAMAGED.zh}`;
}

/** A damaged part's headline when the whole first sentence is too long: the sheet or the part, and that it is damaged. */
function damagedShort(lang: Lang, p: DamageParams): string {
  if (lang === 'en') return `${p.file}: ${p.sheet !== undefined ? `the sheet "${p.sheet}"` : `the part ${p.part}`} is damaged`;
  return `${p.file}:${p.sheet !== undefined ? `工作表 "${p.sheet}" ` : `部件 ${p.part} `}已损坏`;
}

// ---------------- a file that is not a readable .xlsx ----------------

/** Why a file is not a readable .xlsx (`why`), and the parameters each needs beyond the file. */
export type NotXlsx =
  | { why: 'zipCutShort' | 'empty' | 'ole' | 'pdf' | 'notZip' | 'encrypted' | 'word' | 'powerPoint' | 'openDocument' | 'emptyZip' }
  /** a zip of other files: the first names it holds, and whether it holds more */
  | { why: 'otherZip'; names: readonly string[]; more: boolean }
  /** every part intact, but ExcelJS could not read them: its own message, when it says something useful */
  | { why: 'notExcelContent'; detail?: string };
type NotXlsxParams = { file: string } & NotXlsx;

const NOT_XLSX: { [W in NotXlsx['why']]: Record<Lang, (p: Extract<NotXlsxParams, { why: W }>) => string> } = {
  zipCutShort: {
    en: () =>
      'the file is cut short or damaged (the zip directory at its end is missing); copy or download it again, or use an earlier copy',
    zh: () => '文件被截断或已损坏(缺少文件末尾的 zip 目录);请重新复制或下载,或使用较早的副本',
  },
  empty: { en: () => 'the file is empty (0 bytes)', zh: () => '文件是空的(0 字节)' },
  ole: {
    en: () =>
      'it is an old binary Excel file (.xls) or a password-protected workbook; open it in Excel (remove the password) and save it as .xlsx',
    zh: () => '这是旧版二进制 Excel 文件(.xls)或设有密码的工作簿;请在 Excel 中打开(去掉密码)并另存为 .xlsx',
  },
  pdf: { en: () => 'it is a PDF file', zh: () => '这是 PDF 文件' },
  notZip: {
    en: () => 'it is not a zip-based .xlsx file (a CSV or an old .xls?); open it in Excel and save it as .xlsx',
    zh: () => '这不是基于 zip 的 .xlsx 文件(是 CSV 或旧版 .xls?);请在 Excel 中打开并另存为 .xlsx',
  },
  encrypted: {
    en: () => 'its parts are encrypted (a password-protected zip); save it in Excel without a password',
    zh: () => '其部件已加密(设有密码的 zip);请在 Excel 中去掉密码后保存',
  },
  word: {
    en: () => 'it is a Word document (it holds word/document.xml), not an Excel workbook',
    zh: () => '这是 Word 文档(含有 word/document.xml),不是 Excel 工作簿',
  },
  powerPoint: {
    en: () => 'it is a PowerPoint file (it holds ppt/), not an Excel workbook',
    zh: () => '这是 PowerPoint 文件(含有 ppt/),不是 Excel 工作簿',
  },
  openDocument: {
    en: () => 'it is an OpenDocument file (.ods?), not an .xlsx; open it in Excel or LibreOffice and save it as .xlsx',
    zh: () => '这是 OpenDocument 文件(.ods?),不是 .xlsx;请在 Excel 或 LibreOffice 中打开并另存为 .xlsx',
  },
  emptyZip: { en: () => 'it is an empty zip archive', zh: () => '这是一个空的 zip 压缩包' },
  otherZip: {
    en: (p) =>
      `it is a zip archive without xl/workbook.xml (it holds ${[...p.names, ...(p.more ? ['…'] : [])].join(', ')}), not an Excel workbook`,
    zh: (p) => `这是不含 xl/workbook.xml 的 zip 压缩包(含有 ${[...p.names, ...(p.more ? ['…'] : [])].join('、')}),不是 Excel 工作簿`,
  },
  notExcelContent: {
    en: (p) =>
      `its parts are intact but their content is not what Excel writes${p.detail ? ` (${p.detail})` : ''}; open it in Excel and save it again`,
    zh: (p) => `其部件完好,但内容不是 Excel 写出的格式${p.detail ? `(${p.detail})` : ''};请在 Excel 中打开并重新保存`,
  },
};

function notXlsx(lang: Lang, p: NotXlsxParams): string {
  const why = (NOT_XLSX[p.why][lang] as (q: NotXlsxParams) => string)(p);
  return lang === 'en' ? `${p.file}: is not a readable .xlsx workbook: ${why}` : `${p.file}:不是可读取的 .xlsx 工作簿:${why}`;
}

// ---------------- the rules, roster and layout of a workbook ----------------

/** A cell, as messages name it: `a.xlsx 表A-业务!E7`. */
type CellParams = { file: string; sheet: string; cell: string };
/** A rule's cell: `a.xlsx 规则!C5 (rule PTS_A01)`. */
type RuleCellParams = CellParams & { name: string };
type NameParams = { file: string; name: string };
const ruleCell = (lang: Lang, p: RuleCellParams) =>
  lang === 'en' ? `${p.file} ${p.sheet}!${p.cell} (rule ${p.name})` : `${p.file} ${p.sheet}!${p.cell}(规则 ${p.name})`;

/** The defined names that say a workbook is ours, as messages list them. */
const OUR_NAMES = { en: 'KPI_MONTH, KPI_LANG, PTS_A01, …', zh: 'KPI_MONTH、KPI_LANG、PTS_A01……' };
const RESTORE = {
  en: 'the rules cannot be read safely. Restore them (Formulas › Name Manager) or rebuild the workbook with "kpi-forms new"',
  zh: '无法安全读取规则。请恢复这些名称(公式 › 名称管理器),或用 "kpi-forms new" 重新生成工作簿',
};

/** The .xlsx layer's messages: damaged or foreign files, a workbook's rules, roster and layout, the output file. */
export const X = messages('xlsx', {
  // ---- the package (package.ts)
  notXlsx: {
    en: (p: NotXlsxParams) => notXlsx('en', p),
    zh: (p: NotXlsxParams) => notXlsx('zh', p),
    short: {
      en: (p: NotXlsxParams) => `${p.file}: is not a readable .xlsx workbook`,
      zh: (p: NotXlsxParams) => `${p.file}:不是可读取的 .xlsx 工作簿`,
    },
  },
  damaged: {
    en: (p: DamageParams) => damaged('en', p),
    zh: (p: DamageParams) => damaged('zh', p),
    short: { en: (p: DamageParams) => damagedShort('en', p), zh: (p: DamageParams) => damagedShort('zh', p) },
  },
  zipMethod: {
    en: (p: PartParams & { method: number }) =>
      `${p.file}: ${subject('en', p)} is compressed with zip method ${p.method}, which kpi-forms cannot unpack (Excel uses "deflate"); open the file in Excel and save it again`,
    zh: (p: PartParams & { method: number }) =>
      `${p.file}:${subject('zh', p)}使用 zip 压缩方法 ${p.method},kpi-forms 无法解压(Excel 使用 "deflate");请在 Excel 中打开该文件并重新保存`,
    short: {
      en: (p: PartParams & { method: number }) => `${p.file}: ${subject('en', p)} is compressed with zip method ${p.method}`,
      zh: (p: PartParams & { method: number }) => `${p.file}:${subject('zh', p)}使用 zip 压缩方法 ${p.method}`,
    },
  },
  hugeName: {
    en: (p: NameParams & { cells: number; ref: string; max: number }) =>
      `${p.file}: the defined name ${p.name} covers ${p.cells.toLocaleString('en')} cells (${p.ref}), more than kpi-forms can read (${p.max.toLocaleString('en')}); narrow it or delete it (Formulas › Name Manager)`,
    zh: (p: NameParams & { cells: number; ref: string; max: number }) =>
      `${p.file}:定义名称 ${p.name} 覆盖 ${p.cells.toLocaleString('en')} 个单元格(${p.ref}),超出 kpi-forms 能读取的上限(${p.max.toLocaleString('en')});请缩小范围或删除它(公式 › 名称管理器)`,
    short: {
      en: (p: NameParams & { cells: number; max: number }) =>
        `${p.file}: the defined name ${p.name} covers more cells than kpi-forms can read`,
      zh: (p: NameParams & { cells: number; max: number }) => `${p.file}:定义名称 ${p.name} 覆盖的单元格超出 kpi-forms 能读取的上限`,
    },
  },
  textPastEnd: {
    en: (p: CellParams & { index: string; count: number }) =>
      `${p.file} ${p.sheet}!${p.cell}: the cell refers to text no. ${p.index} of xl/sharedStrings.xml, which holds ${p.count}; ${DAMAGED.en}`,
    zh: (p: CellParams & { index: string; count: number }) =>
      `${p.file} ${p.sheet}!${p.cell}:该单元格引用 xl/sharedStrings.xml 中的第 ${p.index} 条文本,但其中只有 ${p.count} 条;${DAMAGED.zh}`,
  },

  // ---- the rules sheet's defined names (reader.ts)
  nameNotCells: {
    en: (p: NameParams & { ref: string }) => `${p.file}: the defined name ${p.name} refers to "${p.ref}", not to cells`,
    zh: (p: NameParams & { ref: string }) => `${p.file}:定义名称 ${p.name} 引用的是 "${p.ref}",不是单元格`,
  },
  nameSheetMissing: {
    en: (p: NameParams & { sheet: string }) => `${p.file}: the defined name ${p.name} refers to the missing sheet "${p.sheet}"`,
    zh: (p: NameParams & { sheet: string }) => `${p.file}:定义名称 ${p.name} 引用的工作表 "${p.sheet}" 不存在`,
  },
  nameTooWide: {
    en: (p: NameParams & { ref: string; count: number }) =>
      `${p.file}: the defined name ${p.name} refers to "${p.ref}", ${p.count} cells; a rule covers at most a few`,
    zh: (p: NameParams & { ref: string; count: number }) =>
      `${p.file}:定义名称 ${p.name} 引用 "${p.ref}",共 ${p.count} 个单元格;一条规则最多只占几个单元格`,
  },
  nameCellCount: {
    en: (p: NameParams & { n: number; found: number }) =>
      `${p.file}: the defined name ${p.name} must cover ${p.n} cells, it covers ${p.found}`,
    zh: (p: NameParams & { n: number; found: number }) => `${p.file}:定义名称 ${p.name} 必须覆盖 ${p.n} 个单元格,实际覆盖 ${p.found} 个`,
  },
  scaleShape: {
    en: (p: NameParams & { n: number }) => `${p.file}: the defined name ${p.name} must cover ${p.n} rows of letter | points`,
    zh: (p: NameParams & { n: number }) => `${p.file}:定义名称 ${p.name} 必须覆盖 ${p.n} 行“字母 | 分数”`,
  },
  scaleLetter: {
    en: (p: RuleCellParams & { value: string; letters: readonly string[] }) =>
      `${ruleCell('en', p)}: "${p.value}" must be one of ${p.letters.join(', ')}`,
    zh: (p: RuleCellParams & { value: string; letters: readonly string[] }) =>
      `${ruleCell('zh', p)}:"${p.value}" 必须是 ${p.letters.join('、')} 之一`,
  },
  scaleLacks: {
    en: (p: NameParams & { letter: string }) => `${p.file}: the defined name ${p.name} lacks the letter ${p.letter}`,
    zh: (p: NameParams & { letter: string }) => `${p.file}:定义名称 ${p.name} 缺少字母 ${p.letter}`,
  },
  ruleNotNumber: {
    /** `shown`: the value as JSON (`"x"`, `true`), or undefined for a blank cell */
    en: (p: RuleCellParams & { shown?: string }) => `${ruleCell('en', p)}: ${p.shown ?? 'blank'} must be a number`,
    zh: (p: RuleCellParams & { shown?: string }) => `${ruleCell('zh', p)}:${p.shown === undefined ? '空白' : `${p.shown} `}必须是数字`,
  },
  namesDropped: {
    en: (p: { file: string; sheet: string }) =>
      `${p.file}: the rules sheet "${p.sheet}" has none of its defined names (${OUR_NAMES.en}; a tool dropped them?); ${RESTORE.en}`,
    zh: (p: { file: string; sheet: string }) =>
      `${p.file}:规则表 "${p.sheet}" 的定义名称(${OUR_NAMES.zh})全部缺失(被某个工具删掉了?);${RESTORE.zh}`,
    short: {
      en: (p: { file: string; sheet: string }) => `${p.file}: the rules sheet "${p.sheet}" has none of its defined names`,
      zh: (p: { file: string; sheet: string }) => `${p.file}:规则表 "${p.sheet}" 的定义名称全部缺失`,
    },
  },
  notOurs: {
    en: (p: { file: string }) =>
      `${p.file}: not a kpi-forms workbook (it has none of the defined names ${OUR_NAMES.en}); build one with "kpi-forms new"`,
    zh: (p: { file: string }) => `${p.file}:不是 kpi-forms 工作簿(没有任何定义名称 ${OUR_NAMES.zh});请用 "kpi-forms new" 生成`,
  },
  /** a ledger (kpi-forms close) given to score, records or merge in place of a month's workbook */
  ledgerNotMonth: {
    en: (p: { file: string }) =>
      `${p.file}: this is a kpi-forms ledger, not a month's workbook; give a month's workbook (kpi-forms new wrote it), or list the ledger with kpi-forms ledger`,
    zh: (p: { file: string }) =>
      `${p.file}:这是台账,不是月度考核工作簿;请给出月度工作簿(由 kpi-forms new 生成),或用 kpi-forms ledger 查看台账`,
  },
  namesMissing: {
    en: (p: { file: string; names: readonly string[] }) =>
      `${p.file}: the defined names ${p.names.join(', ')} are missing or do not refer to cells (a tool dropped them?); ${RESTORE.en}`,
    zh: (p: { file: string; names: readonly string[] }) =>
      `${p.file}:定义名称 ${p.names.join('、')} 缺失或未引用单元格(被某个工具删掉了?);${RESTORE.zh}`,
    short: {
      en: (p: { file: string; names: readonly string[] }) =>
        `${p.file}: the defined names ${p.names.join(', ')} are missing or do not refer to cells`,
      zh: (p: { file: string; names: readonly string[] }) => `${p.file}:定义名称 ${p.names.join('、')} 缺失或未引用单元格`,
    },
  },
  /** KPI_LANG, KPI_MODE, KPI_QUARTER_MODE: one of a few words (`rule`: the decision that says so, e.g. D10) */
  badSetting: {
    en: (p: NameParams & { value: string; choices: readonly string[]; rule?: string }) =>
      `${p.file} ${p.name}: "${p.value}" must be ${p.choices.join(' or ')}${p.rule ? ` (${p.rule})` : ''}`,
    zh: (p: NameParams & { value: string; choices: readonly string[]; rule?: string }) =>
      `${p.file} ${p.name}:"${p.value}" 必须是 ${p.choices.join(' 或 ')}${p.rule ? ` (${p.rule})` : ''}`,
  },

  // ---- the roster sheet and the layout (reader.ts)
  rosterMissing: {
    en: (p: { file: string; sheet: string }) => `${p.file}: the roster sheet "${p.sheet}" is missing`,
    zh: (p: { file: string; sheet: string }) => `${p.file}:缺少花名册工作表 "${p.sheet}"`,
  },
  rosterEmptyId: {
    en: (p: CellParams) => `${p.file} ${p.sheet}!${p.cell}: the employee id is empty`,
    zh: (p: CellParams) => `${p.file} ${p.sheet}!${p.cell}:工号为空`,
  },
  rosterRepeatedId: {
    en: (p: CellParams & { id: string; row: number }) =>
      `${p.file} ${p.sheet}!${p.cell}: employee id "${p.id}" repeats row ${p.row}; ids must be unique`,
    zh: (p: CellParams & { id: string; row: number }) => `${p.file} ${p.sheet}!${p.cell}:工号 "${p.id}" 与第 ${p.row} 行重复;工号必须唯一`,
  },
  rosterNoAgents: {
    en: (p: { file: string; sheet: string }) => `${p.file} ${p.sheet}: the roster lists no agents`,
    zh: (p: { file: string; sheet: string }) => `${p.file} ${p.sheet}:花名册中没有专员`,
  },
  sheetMissing: {
    en: (p: { file: string; sheet: string }) => `${p.file}: the sheet "${p.sheet}" is missing`,
    zh: (p: { file: string; sheet: string }) => `${p.file}:缺少工作表 "${p.sheet}"`,
  },
  /** a workbook made before the records sheet (D12): its forms' counts are typed, today's are sums of records */
  beforeRecords: {
    en: (p: { file: string; sheet: string }) =>
      `${p.file}: made by an earlier kpi-forms, before the records sheet "${p.sheet}"; it cannot be scored as it is (D12: a form's count is now the sum of the month's records). Score it with the version that made it, or make the month again with "kpi-forms new" and its counts in the entries file (employee_id,code,value; one row per agent and item, no date: a month-level record)`,
    zh: (p: { file: string; sheet: string }) =>
      `${p.file}:由早期版本生成,没有考核记录表 "${p.sheet}";无法按原样计分(D12:表单上的次数现为本月记录之和)。请用生成它的版本计分,或用 "kpi-forms new" 重新生成本月工作簿,并把其中的次数写入录入文件(工号、代码、数值;每人每项一行,不填日期即为月度记录)`,
  },
  rowsMoved: {
    /** `found`: what the cell holds, as JSON (`"E01"`, `null`) */
    en: (p: CellParams & { id: string; found: string }) =>
      `${p.file} ${p.sheet}!${p.cell}: expected employee id "${p.id}" (roster order) but found ${p.found}; rows were inserted, deleted or moved, so the cells cannot be matched. Undo that or rebuild the workbook with "kpi-forms new"`,
    zh: (p: CellParams & { id: string; found: string }) =>
      `${p.file} ${p.sheet}!${p.cell}:此处应为工号 "${p.id}"(花名册顺序),实际为 ${p.found};有行被插入、删除或移动,单元格无法对应。请撤销这些改动,或用 "kpi-forms new" 重新生成工作簿`,
  },

  // ---- the output file (writer.ts)
  outputExists: {
    en: (p: { file: string }) => `${p.file}: already exists; not overwritten (use --force to replace it)`,
    zh: (p: { file: string }) => `${p.file}:文件已存在,未覆盖(要替换它,请加上 --force)`,
  },
  noFolder: {
    en: (p: { file: string; dir: string }) => `${p.file}: the folder ${p.dir} does not exist`,
    zh: (p: { file: string; dir: string }) => `${p.file}:文件夹 ${p.dir} 不存在`,
  },
  outputIsFolder: {
    en: (p: { file: string }) => `${p.file}: is a folder`,
    zh: (p: { file: string }) => `${p.file}:这是一个文件夹`,
  },
});
