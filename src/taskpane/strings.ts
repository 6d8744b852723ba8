/** The task pane's words in zh-CN and en-US (the workbook's own labels are in templates/i18n.ts). */
import type { InsertButtonKey } from '../templates/catalog';

export type UiLang = 'zh' | 'en';

/** The UI language for an Office display language such as `zh-CN`, `zh-TW`, `en-US`. */
export function uiLangOf(displayLanguage: string | undefined): UiLang {
  return /^zh/i.test(displayLanguage ?? '') ? 'zh' : 'en';
}

export interface Strings {
  lang: UiLang;
  appTitle: string;
  switchTo: string;
  tabForms: string;
  tabImport: string;
  tabResults: string;
  month: string;
  monthHint: string;
  roster: string;
  rosterHint: string;
  rosterPlaceholder: string;
  rosterNone: string;
  rosterFromSheet: (sheet: string, n: number) => string;
  rosterParsed: (n: number, pre: number, after: number) => string;
  uploadCsv: string;
  uploadRoster: string;
  readRoster: string;
  rosterFromFile: (file: string, n: number) => string;
  agents: string;
  allAgents: (n: number) => string;
  noneSelected: string;
  chosenHint: string;
  formulas: string;
  modeKpi: string;
  modePlain: string;
  formLang: string;
  onConflict: string;
  conflictReuse: string;
  conflictRename: string;
  conflictReplace: string;
  conflictCancel: string;
  /** the buttons that insert one sheet alone (templates/catalog.ts INSERT_BUTTONS: which, in which order) */
  insertSheet: Record<InsertButtonKey, string>;
  insertAll: string;
  /** the collapsed sections of the Insert tab: one sheet alone, and the options */
  insertOne: string;
  options: string;
  summaryNeeds: string;
  entries: string;
  entriesHint: string;
  entriesPlaceholder: string;
  callLog: string;
  callLogHint: string;
  importCallLog: string;
  callsReport: string;
  writeEntries: string;
  entriesEmpty: string;
  readResults: string;
  resultsHint: string;
  colId: string;
  colName: string;
  colRole: string;
  colTotal: string;
  colRank: string;
  colPay: string;
  colFlags: string;
  openForm: string;
  preSales: string;
  afterSales: string;
  incomplete: string;
  noResults: string;
  /** the badges of a result (the pane's words, whatever the workbook's language) */
  flag: Record<'redLine' | 'lastTwo' | 'incomplete' | 'award' | 'transfer', string>;
  /** a kind's heading in the results: `售前 (5)` */
  resultsOf: (kind: string, n: number) => string;
  nameErrorHint: string;
  details: string;
  hideDetails: string;
  dismiss: string;
  whatToDo: string;
  progressRead: string;
  progressWrite: (sheets: string[], cells?: number) => string;
  progressWorking: string;
  inserted: (sheets: string[]) => string;
  renamedNote: (pairs: string) => string;
  replacedNote: (names: string[]) => string;
  reusedNote: (names: string[]) => string;
  otherStampNote: (month: string, differs: string[]) => string;
  selectedNote: (n: number, sheet: string) => string;
  allWrittenNote: (n: number) => string;
  namesKeptNote: (n: number) => string;
  skippedNote: (what: string[]) => string;
  cancelled: (names: string[]) => string;
  /** form cells written (monthly figures) and records appended (counts, D12) */
  wroteEntries: (cells: number, records: number) => string;
  notInLayout: (list: string) => string;
  opened: (sheets: string[]) => string;
  requirementsTitle: string;
  missingSet: (set: string, version: string) => string;
  featureLoss: Record<string, string>;
  stillWorks: string;
  notInExcelTitle: string;
  notInExcelBody: string;
  /** shown while a part of the pane loads (chunks.ts) */
  loading: string;
  tryAgain: string;
  /** what the pane was doing when a fault of the program happened (core/problem.ts `internalFault`) */
  faultWhile: string;
  err: Record<
    'input' | 'missingSheet' | 'notInExcel' | 'office' | 'unexpected' | 'calculating' | 'protected' | 'cellEdit' | 'chunk',
    string
  >;
  act: Record<string, string>;
  /** the Record tab (components/RecordTab.tsx): one record at a time, undo, an agent's records and their status */
  rec: RecordWords;
  /** the Year tab (components/YearTab.tsx): close the month, start the next, the notice, open improvement plans */
  year: YearWords;
  /** "add another supervisor's workbook" on the Import tab (components/MergePanel.tsx) */
  merge: MergeWords;
}

/** The words of "add another supervisor's workbook" (issue 11, D16). */
export interface MergeWords {
  title: string;
  hint: string;
  add: string;
  /** how messages and the source columns name the open workbook when it has no file name yet */
  thisWorkbook: string;
  mergeReading: (file: string) => string;
  conflict: string;
  mergePrefer: (file: string) => string;
  mergeDone: (file: string, added: number, agents: number, records: number) => string;
  mergeAdded: (file: string) => string;
  noneAdded: string;
}

/** The Year tab's words. */
export interface YearWords {
  tab: string;
  read: string;
  yearMonth: (month: string) => string;
  isClosed: string;
  isOpen: string;
  yearClose: (month: string) => string;
  closeHint: string;
  noticeDate: string;
  yearClosed: (month: string, agents: number, plans: number, due: string) => string;
  next: string;
  nextHint: string;
  yearNext: (month: string) => string;
  reopenReason: string;
  reopen: string;
  reopenHint: string;
  yearReopened: (month: string, reason: string) => string;
  notice: string;
  insertNotice: string;
  yearNoticeDone: (sheet: string) => string;
  plans: string;
  noPlans: string;
  yearDue: (due: string) => string;
  overdue: string;
  noneClosed: string;
  noMonth: string;
}

/** The Record tab's words. */
export interface RecordWords {
  tab: string;
  agent: string;
  agentPlaceholder: string;
  item: string;
  count: string;
  days: string;
  points: string;
  date: string;
  dateHint: string;
  evidence: string;
  by: string;
  submit: string;
  submitHint: string;
  recorded: string;
  recent: string;
  undo: string;
  undone: string;
  agentRecords: string;
  noRecords: string;
  /** a record's status as the pane shows it ('' = stands) */
  status: Record<'' | 'disputed' | 'upheld' | 'withdrawn', string>;
  /** the buttons that set a status */
  set: Record<'disputed' | 'upheld' | 'withdrawn', string>;
  statusSet: string;
  disputedNote: string;
  moved: string;
  /** this pane's earlier records written again after the last row: a co-author's record took their row */
  rewritten: (n: number) => string;
  noSheet: string;
  noAgents: string;
  reload: string;
  needAgent: string;
  /** why a record is refused before it is written (the records sheet's own checks, core/records.ts recordFault) */
  fault: Record<'unknownId' | 'otherKind' | 'date' | 'count' | 'status', string>;
  /** the results card's link to the agent's records */
  fromResults: string;
}

// said on the roster field, and as what to do when the pane needs a roster (messages.ts needLayout)
const ZH_ROSTER_NONE = '没有花名册:请粘贴或上传 CSV,或打开含“花名册”工作表的工作簿';
const EN_ROSTER_NONE = 'No roster: paste or upload a CSV, or open a workbook with a Roster (花名册) sheet.';

const zh: Strings = {
  lang: 'zh',
  rec: {
    tab: '记录',
    agent: '专员',
    agentPlaceholder: '输入工号或姓名',
    item: '项目',
    count: '次数',
    days: '天数',
    points: '扣分',
    date: '日期',
    dateHint: '本月内的日期;空白为月度记录',
    evidence: '证据(通话编号、说明)',
    by: '记录人',
    submit: '记录',
    submitHint: '填好后按 Enter 即记录一条。',
    recorded: '已记录:',
    recent: '刚记录的',
    undo: '撤销',
    undone: '已撤销:该记录状态为“撤销”,不再计入。',
    agentRecords: '该专员的记录',
    noRecords: '还没有记录。',
    status: { '': '有效', disputed: '申诉中', upheld: '维持', withdrawn: '撤销' },
    set: { disputed: '申诉', upheld: '维持', withdrawn: '撤销' },
    statusSet: '状态已更新:',
    disputedNote: '申诉中的记录在裁定前照常计入。',
    moved: '这一行已不是该记录(表中的行有变动),未做更改;已重新读取记录。',
    rewritten: (n) => `本窗格先前的 ${n} 条记录所在的行被他人同时写入的记录占用,已在末尾重新写入。`,
    noSheet: '工作簿中没有“考核记录”工作表:请先插入整套工作簿。',
    noAgents: '没有花名册:请在“插入”页粘贴花名册,或打开含“花名册”工作表的工作簿。',
    reload: '重新读取',
    needAgent: '请选择一名专员',
    fault: {
      unknownId: '工号不在花名册中',
      otherKind: '该项目不属于这名专员的岗位',
      date: '日期不在考核月份内',
      count: '次数不符合该项目的规则',
      status: '状态无效',
    },
    fromResults: '记录',
  },
  year: {
    tab: '年度',
    read: '重新读取',
    yearMonth: (m) => `本工作簿的月份:${m}`,
    isClosed: '已关账',
    isOpen: '未关账',
    yearClose: (m) => `关账 ${m}`,
    closeHint: '把本月结果写入“台账”表;结果不完整、有申诉中的记录或结果与重算不符时不会关账。',
    noticeDate: '通报日期',
    yearClosed: (m, n, p, due) => `${m} 已关账:${n} 人写入台账;${p} 人须在 ${due} 前提交整改方案。`,
    next: '开始下个月',
    nextHint: '先在“花名册”表中增删人员;录入和考核记录将清空,规则保留。',
    yearNext: (m) => `已开始 ${m}:表单已清空,花名册和规则已保留。`,
    reopenReason: '重开原因',
    reopen: '重开本月',
    reopenHint: '本月结果从“台账”中撤出,原因记入“月份”表;更正后可再次关账。',
    yearReopened: (m, reason) => `${m} 已重开(原因已记录:${reason});更正后请再次关账。`,
    notice: '月度通报',
    insertNotice: '插入通报',
    yearNoticeDone: (sheet) => `已插入“${sheet}”(一页 A4,可直接打印)。`,
    plans: '待交的整改方案',
    noPlans: '没有待交的整改方案。',
    yearDue: (due) => `应交 ${due}`,
    overdue: '逾期',
    noneClosed: '还没有关账的月份。',
    noMonth: '此工作簿还没有本月表单:请先在“插入”页插入整套工作簿。',
  },
  appTitle: '客服绩效考核表',
  switchTo: 'English',
  // two characters each: the five tabs in one row at 320 px
  tabForms: '插入',
  tabImport: '导入',
  tabResults: '结果',
  month: '考核月份',
  monthHint: '格式 YYYY-MM,例如 2024-03',
  roster: '花名册',
  rosterHint: '粘贴 CSV:employee_id,name,role,group(岗位:售前/售后 或 pre-sales/after-sales);留空则读取工作簿中的“花名册”工作表',
  rosterPlaceholder: 'employee_id,name,role,group\nE001,张三,售前,一组',
  rosterNone: ZH_ROSTER_NONE,
  rosterFromSheet: (sheet, n) => `已从工作表“${sheet}”读取 ${n} 名专员`,
  rosterParsed: (n, pre, after) => `${n} 名专员(售前 ${pre},售后 ${after})`,
  uploadCsv: '上传 CSV…',
  uploadRoster: '上传 CSV/xlsx…',
  readRoster: '读取工作簿中的花名册',
  rosterFromFile: (file, n) => `已从“${file}”读取 ${n} 名专员`,
  agents: '考核对象',
  allAgents: (n) => `全部 (${n})`,
  noneSelected: '请至少选择一名专员',
  chosenHint:
    '表格总是按整份花名册生成(S01 平均单量和名次要算上所有人);这里勾选的专员,插入后会在表中被选中,可用“文件 › 打印 › 打印选定区域”只打印他们的表。',
  formulas: '公式',
  modeKpi: '=KPI.… 函数(需要本加载项)',
  modePlain: '普通 Excel 公式(可发给没有加载项的人)',
  formLang: '表格语言',
  onConflict: '同名工作表已存在时',
  conflictReuse: '沿用本加载项为同一月份和花名册生成的表(已填内容保留),只插入缺少的表',
  conflictRename: '另插入一份新表并改名(如“表A-业务 (2)”)',
  conflictReplace: '替换所选的表(它引用的表照常沿用)',
  conflictCancel: '不插入',
  insertSheet: {
    formA: '插入表A',
    formB: '插入表B',
    test: '插入笔试表',
    after: '插入售后考核表',
    summary: '插入月度汇总',
    rules: '插入/打开规则表',
  },
  insertAll: '插入整套工作簿',
  insertOne: '只插入某一张表',
  options: '选项:公式、表格语言、同名工作表',
  summaryNeeds:
    '月度汇总引用各考核表和笔试表,各表都引用规则表:插入一张表时,它引用的表若已由本加载项为同一月份和花名册生成,就直接沿用(已填内容保留),否则一并插入。',
  entries: '考核记录 CSV',
  entriesHint: 'employee_id,code,value(例如 E001,A01,2);同一项目的多行次数会相加',
  entriesPlaceholder: 'employee_id,code,value\nE001,A01,2\nE002,S03,B',
  callLog: '呼叫中心日志',
  callLogHint:
    'CSV(UTF-8 或 GB18030)或 xlsx,列:Call Id、Date、Time、Agent、Answered (Y/N)、Satisfaction rating。按“插入”页的月份和花名册导入:未接来电 → A01(售前);已接来电 → S01,其前 20 个满意度评分 → S02(售后)。',
  importCallLog: '导入呼叫中心日志(CSV/xlsx)…',
  callsReport: '导入明细',
  writeEntries: '写入表格',
  entriesEmpty: '请粘贴或上传考核记录 CSV',
  readResults: '读取结果',
  resultsHint: '从月度汇总读取名次、总分、绩效工资和标记。',
  colId: '工号',
  colName: '姓名',
  colRole: '岗位',
  colTotal: '总分',
  colRank: '名次',
  colPay: '工资(元)',
  colFlags: '标记',
  openForm: '打开',
  preSales: '售前',
  afterSales: '售后',
  incomplete: '未完成',
  noResults: '还没有结果:先插入月度汇总,再点“读取结果”。',
  flag: { redLine: '红线·上报', lastTwo: '后两名', incomplete: '未完成', award: '季度奖', transfer: '考虑调岗' },
  resultsOf: (kind, n) => `${kind}(${n} 人)`,
  nameErrorHint: '结果中有 #NAME?:KPI 函数未加载。请重新打开加载项,或用“普通 Excel 公式”重新插入。',
  details: '详细信息',
  hideDetails: '隐藏详细信息',
  dismiss: '关闭',
  whatToDo: '怎么办:',
  progressRead: '正在读取工作簿…',
  progressWrite: (sheets, cells) => `正在写入 ${sheets.join('、')}${cells ? `(${cells} 个单元格)` : ''}…`,
  progressWorking: '正在处理…',
  inserted: (sheets) => `已插入:${sheets.join('、') || '(无新工作表)'}。`,
  renamedNote: (pairs) => `同名工作表已存在,新表已改名:${pairs}。`,
  replacedNote: (names) => `已替换:${names.join('、')}。`,
  reusedNote: (names) => `沿用已有工作表:${names.join('、')}。`,
  otherStampNote: (month, differs) =>
    `工作簿中已有的考核表(${month})与本次的${differs
      .map((d) => ({ month: '月份', lang: '语言', mode: '公式类型', roster: '花名册' })[d] ?? d)
      .join('、')}不同,未沿用,新表已另行插入。建议每个月用一个工作簿。`,
  selectedNote: (n, sheet) => `已在“${sheet}”中选中所选的 ${n} 名专员:用“文件 › 打印 › 打印选定区域”只打印他们。`,
  allWrittenNote: (n) => `表格包含花名册全部 ${n} 名专员(平均值和名次按全部人员计算)。`,
  namesKeptNote: (n) => `${n} 个名称已存在,保留原定义。`,
  skippedNote: (what) => `此版本 Excel 不支持,已跳过:${what.join('、')}。`,
  cancelled: (names) => `未插入任何内容:已存在同名工作表 ${names.join('、')}。请选择“另插入一份新表”或“替换”后重试。`,
  wroteEntries: (cells, records) => `已写入 ${cells} 个录入单元格、${records} 条考核记录。`,
  notInLayout: (list) => `以下记录在表格中没有对应单元格,未写入:${list}`,
  opened: (sheets) => `工作簿中已有${sheets.map((x) => `“${x}”`).join('、')},已打开,未重复插入。`,
  requirementsTitle: '此版本 Excel 缺少部分功能',
  missingSet: (set, version) => `缺少 ${set} ${version}`,
  featureLoss: {
    insert: '无法插入表格(需要 Excel 2016 或更高版本);仍可读取结果、导入记录、跳转到表格。',
    conditionalFormats: '不设置条件格式(红线、后两名的高亮)。',
    freezePanes: '不冻结标题行。',
    dataValidation: '录入单元格不加数据验证(输入提示和错误提示)。',
    rangeAreas: '格式逐区域写入,操作较多,速度较慢。',
    pageLayout: '不设置页面(A4、打印区域、每人一页)。',
    selectAreas: '插入后只选中第一位所选专员的页面(同时选中多个区域需要 ExcelApi 1.18)。',
    copyFrom: '考核记录的检查公式逐行写入:插入时请求更多、更慢。',
    kpiFormulas: '不支持自定义函数:=KPI.… 公式会显示 #NAME?,已改用普通 Excel 公式。',
  },
  stillWorks: '其余功能正常。',
  notInExcelTitle: '请在 Excel 中打开',
  notInExcelBody:
    '此加载项只能在 Excel 中使用(桌面版、网页版或 Mac 版)。请在 Excel 的“开始”选项卡上点击“考核表”按钮打开它(先按 README 旁加载 manifest.xml)。',
  loading: '正在加载…',
  tryAgain: '重试',
  faultWhile: '任务窗格中处理',
  err: {
    chunk: '加载项的一部分未能加载',
    calculating: '仍在计算',
    protected: '工作表受密码保护',
    cellEdit: 'Excel 正在编辑单元格',
    input: '输入有误',
    missingSheet: '找不到工作表',
    notInExcel: '未连接到 Excel',
    office: 'Excel 报告了错误',
    unexpected: '发生意外错误',
  },
  act: {
    fixCsv: '按提示修改对应的行,然后重新粘贴或上传。',
    month: '请按 YYYY-MM 填写月份,例如 2024-03。',
    insertFirst: '先插入相应表格(或整套工作簿),或撤销对工作表的改名/删除后再试。',
    openInExcel: '请在 Excel 中打开此加载项。',
    cellEdit: '请先结束单元格编辑(在表格中按 Enter 或 Esc),然后重试。',
    calcRetry: '请稍等,单元格显示数字后再点“读取结果”重试。',
    protectedSheet: '请在“审阅 › 撤销工作表保护”中输入密码取消保护后重试,或选择“另插入一份新表并改名”,不替换它。',
    accessDenied: '工作簿或工作表受保护或为只读:在“审阅 › 撤销工作表保护”中取消保护,或打开可编辑的副本,然后重试。',
    exists: '已存在同名工作表或名称:选择“另插入一份新表并改名”后重试。',
    notFound: '工作表已被删除或改名:重新插入表格后再试。',
    tooBig: '一次写入的内容超过 Excel 网页版的限制:请分批插入(一次一张表或较少专员),或使用桌面版 Excel。',
    apiNotFound: '此版本 Excel 不支持所需功能:请更新 Office。',
    busy: 'Excel 正忙:稍等片刻后重试。',
    retry: '请重试;如果仍然出错,请展开“详细信息”并复制给管理员。',
    chunk: '请检查网络连接后重试;如果加载项刚刚更新过,请关闭任务窗格再重新打开。',
    callLog:
      '日志需要标题行:Call Id、Date、Agent、Answered (Y/N)、Satisfaction rating(Time 可选)。请改好列名,或另存为 CSV UTF-8,然后重新导入。',
    roster: ZH_ROSTER_NONE,
    mergeChoose: '在下方选择冲突处以哪个工作簿为准;或改正有误的工作簿后再添加一次。',
    mergeFile: '请选择另一位主管填写的本月工作簿(.xlsx),或在 Excel 中改正后再添加。',
  },
  merge: {
    title: '其他主管的工作簿',
    hint: '把另一位主管或组长填写的同月工作簿(.xlsx)合并到本工作簿:其员工、填写内容和考核记录一并加入,S01 平均单量和排名按全部员工计算 (D16)。本月各表会重写(多人共同编辑时,请先请其他人停止在这些表中输入);同一员工在两个工作簿中的内容不同时不会合并,请选择以哪个为准。',
    add: '添加其他主管的工作簿…',
    thisWorkbook: '本工作簿',
    mergeReading: (f) => `正在读取 ${f}…`,
    conflict: '冲突处以哪个工作簿为准?',
    mergePrefer: (f) => `以 ${f} 为准并合并`,
    mergeDone: (f, added, agents, records) =>
      `已合并 ${f}:新增 ${added} 名员工,共 ${agents} 名员工、${records} 条记录;S01 平均单量与排名按全部员工计算。`,
    mergeAdded: (f) => `新增员工(来源工作簿:${f})`,
    noneAdded: '没有新增员工:其员工已都在本工作簿中。',
  },
};

const en: Strings = {
  lang: 'en',
  rec: {
    tab: 'Record',
    agent: 'Agent',
    agentPlaceholder: 'Type an id or a name',
    item: 'Item',
    count: 'Count',
    days: 'Days',
    points: 'Points',
    date: 'Date',
    dateHint: 'A day of the month; blank for a month-level record',
    evidence: 'Evidence (call id, note)',
    by: 'Recorded by',
    submit: 'Record',
    submitHint: 'Press Enter to record it.',
    recorded: 'Recorded:',
    recent: 'Just recorded',
    undo: 'Undo',
    undone: 'Undone: the record is withdrawn and no longer counts.',
    agentRecords: 'This agent’s records',
    noRecords: 'No records yet.',
    status: { '': 'stands', disputed: 'disputed', upheld: 'upheld', withdrawn: 'withdrawn' },
    set: { disputed: 'Dispute', upheld: 'Uphold', withdrawn: 'Withdraw' },
    statusSet: 'Status changed:',
    disputedNote: 'A disputed record counts until it is decided.',
    moved: 'That row no longer holds the record (rows changed); nothing was changed. Records read again.',
    rewritten: (n) =>
      `${n} earlier record${n === 1 ? '' : 's'} of this pane lost the row to a record another person wrote at the same moment: written again at the end.`,
    noSheet: 'This workbook has no Records sheet: insert the whole workbook first.',
    noAgents: 'No roster: paste one on the Insert tab, or open a workbook with a Roster sheet.',
    reload: 'Read again',
    needAgent: 'Choose an agent',
    fault: {
      unknownId: 'The id is not in the roster',
      otherKind: 'The item is not of this agent’s kind',
      date: 'The date is not in the month',
      count: 'The count breaks the item’s rule',
      status: 'Unknown status',
    },
    fromResults: 'Records',
  },
  year: {
    tab: 'Year',
    read: 'Read again',
    yearMonth: (m) => `This workbook's month: ${m}`,
    isClosed: 'closed',
    isOpen: 'open',
    yearClose: (m) => `Close ${m}`,
    closeHint:
      'Writes the month’s results to the Ledger sheet; refused while a result is incomplete, a record is disputed or a result differs.',
    noticeDate: 'Notice date',
    yearClosed: (m, n, p, due) => `${m} closed: ${n} agents in the ledger; ${p} improvement plans due by ${due}.`,
    next: 'Start next month',
    nextHint: 'Add or remove people on the Roster sheet first; inputs and records are cleared, the rules kept.',
    yearNext: (m) => `${m} started: the forms are empty, the roster and rules kept.`,
    reopenReason: 'Reason for reopening',
    reopen: 'Reopen month',
    reopenHint: 'Takes the month’s results out of the Ledger; the reason is kept on the Months sheet. Correct, then close again.',
    yearReopened: (m, reason) => `${m} reopened (reason kept: ${reason}); correct it, then close again.`,
    notice: 'Month notice',
    insertNotice: 'Insert notice',
    yearNoticeDone: (sheet) => `“${sheet}” inserted (one A4 page, ready to print).`,
    plans: 'Improvement plans due',
    noPlans: 'No improvement plan is due.',
    yearDue: (due) => `due ${due}`,
    overdue: 'overdue',
    noneClosed: 'No month closed yet.',
    noMonth: 'This workbook has no month’s forms yet: insert the whole workbook on the Insert tab.',
  },
  appTitle: 'KPI forms',
  switchTo: '中文',
  tabForms: 'Insert',
  tabImport: 'Import',
  tabResults: 'Results',
  month: 'Month',
  monthHint: 'YYYY-MM, e.g. 2024-03',
  roster: 'Roster',
  rosterHint:
    'Paste CSV: employee_id,name,role,group (role pre-sales/after-sales or 售前/售后). Leave empty to read the workbook’s Roster sheet.',
  rosterPlaceholder: 'employee_id,name,role,group\nE001,Ann Lee,pre-sales,G1',
  rosterNone: EN_ROSTER_NONE,
  rosterFromSheet: (sheet, n) => `Read ${n} agents from the sheet "${sheet}".`,
  rosterParsed: (n, pre, after) => `${n} agents (${pre} pre-sales, ${after} after-sales)`,
  uploadCsv: 'Upload CSV…',
  uploadRoster: 'Upload CSV or xlsx…',
  readRoster: 'Read the workbook’s roster',
  rosterFromFile: (file, n) => `Read ${n} agents from "${file}".`,
  agents: 'Agents',
  allAgents: (n) => `All (${n})`,
  noneSelected: 'Choose at least one agent.',
  chosenHint:
    'The forms always cover the whole roster (the S01 average and the ranks count everyone). The agents ticked here are selected in the sheet after inserting: print only them with File › Print › Print Selection.',
  formulas: 'Formulas',
  modeKpi: '=KPI.… functions (need this add-in)',
  modePlain: 'Plain Excel (for people without the add-in)',
  formLang: 'Form language',
  onConflict: 'When a sheet of that name exists',
  conflictReuse: 'Use the sheets this add-in made for this month and roster (entries kept); insert only what is missing',
  conflictRename: 'Insert a fresh copy under a new name (e.g. "Form A (2)")',
  conflictReplace: 'Replace the chosen sheet (the sheets it needs are still used as they are)',
  conflictCancel: 'Insert nothing',
  insertSheet: {
    formA: 'Insert form A',
    formB: 'Insert form B',
    test: 'Insert written test',
    after: 'Insert after-sales form',
    summary: 'Insert monthly summary',
    rules: 'Insert / open rules',
  },
  insertAll: 'Insert the whole workbook',
  insertOne: 'Insert one sheet only',
  options: 'Options: formulas, form language, existing sheets',
  summaryNeeds:
    'The summary reads the forms and the written test, and every sheet reads the rules: the sheets a form needs are used as they are when this add-in made them for this month and roster (entries kept), and inserted along with it otherwise.',
  entries: 'Entries CSV',
  entriesHint: 'employee_id,code,value (e.g. E001,A01,2); repeated rows of a count add up',
  entriesPlaceholder: 'employee_id,code,value\nE001,A01,2\nE002,S03,B',
  callLog: 'Call-centre log',
  callLogHint:
    'CSV (UTF-8 or GB18030) or xlsx with the columns Call Id, Date, Time, Agent, Answered (Y/N), Satisfaction rating. For the month and roster of the Insert tab: unanswered calls → A01 (pre-sales); answered calls → S01 and their first 20 ratings → S02 (after-sales).',
  importCallLog: 'Import call-centre log (CSV, xlsx)…',
  callsReport: 'Import report',
  writeEntries: 'Write into the forms',
  entriesEmpty: 'Paste or upload an entries CSV.',
  readResults: 'Read results',
  resultsHint: 'Reads rank, total, pay and flags from the monthly summary.',
  colId: 'ID',
  colName: 'Name',
  colRole: 'Role',
  colTotal: 'Total',
  colRank: 'Rank',
  colPay: 'Pay (yuan)',
  colFlags: 'Flags',
  openForm: 'Open',
  preSales: 'pre-sales',
  afterSales: 'after-sales',
  incomplete: 'incomplete',
  noResults: 'No results yet: insert the monthly summary, then click “Read results”.',
  flag: {
    redLine: 'Red line: report',
    lastTwo: 'Last two',
    incomplete: 'Incomplete',
    award: 'Quarter award',
    transfer: 'Consider transfer',
  },
  resultsOf: (kind, n) => `${kind[0].toUpperCase()}${kind.slice(1)} (${n})`,
  nameErrorHint: 'Some results are #NAME?: the KPI functions are not loaded. Reopen the add-in, or insert again with plain Excel formulas.',
  details: 'Details',
  hideDetails: 'Hide details',
  dismiss: 'Dismiss',
  whatToDo: 'What to do:',
  progressRead: 'Reading the workbook…',
  progressWrite: (sheets, cells) => `Writing ${sheets.join(', ')}${cells ? ` (${cells} cells)` : ''}…`,
  progressWorking: 'Working…',
  inserted: (sheets) => `Inserted: ${sheets.join(', ') || '(no new sheets)'}.`,
  renamedNote: (pairs) => `Sheets of that name exist, so the new ones were renamed: ${pairs}.`,
  replacedNote: (names) => `Replaced: ${names.join(', ')}.`,
  reusedNote: (names) => `Used the existing sheets: ${names.join(', ')}.`,
  otherStampNote: (month, differs) =>
    `The workbook's forms (made for ${month}) differ in ${differs
      .map((d) => ({ month: 'month', lang: 'language', mode: 'formula type', roster: 'roster' })[d] ?? d)
      .join(' and ')}, so they were not used and the new sheets went alongside. Use one workbook per month.`,
  selectedNote: (n, sheet) => `The ${n} chosen agents are selected in "${sheet}": File › Print › Print Selection prints only them.`,
  allWrittenNote: (n) => `The forms cover all ${n} agents of the roster (averages and ranks count everyone).`,
  namesKeptNote: (n) => `${n} defined names existed already and were kept.`,
  skippedNote: (what) => `Skipped, as this Excel does not support it: ${what.join(', ')}.`,
  cancelled: (names) => `Nothing was inserted: ${names.join(', ')} exist. Choose “a fresh copy” or “replace” and try again.`,
  wroteEntries: (cells, records) => `Wrote ${cells} input cell${cells === 1 ? '' : 's'} and ${records} record${records === 1 ? '' : 's'}.`,
  notInLayout: (list) => `These entries have no cell in the forms and were not written: ${list}`,
  opened: (sheets) => `Already in the workbook: ${sheets.map((x) => `"${x}"`).join(', ')}. Opened, not inserted again.`,
  requirementsTitle: 'This Excel lacks some features',
  missingSet: (set, version) => `${set} ${version} is missing`,
  featureLoss: {
    insert: 'Forms cannot be inserted (Excel 2016 or later is needed); reading results, importing entries and jumping to forms still work.',
    conditionalFormats: 'No conditional highlighting (red lines, last two).',
    freezePanes: 'Header rows are not frozen.',
    dataValidation: 'Input cells get no data validation (prompts and error alerts).',
    rangeAreas: 'Formats are written range by range: more operations, slower.',
    pageLayout: 'No page setup (A4, print area, one agent per page).',
    selectAreas: "Only the first chosen agent's page is selected after inserting (selecting several areas needs ExcelApi 1.18).",
    copyFrom: 'The records’ check formulas are written row by row: inserting sends more and takes longer.',
    kpiFormulas: 'No custom functions: =KPI.… formulas would show #NAME?, so plain Excel formulas are selected.',
  },
  stillWorks: 'Everything else works.',
  notInExcelTitle: 'Open this in Excel',
  notInExcelBody:
    'This add-in works inside Excel (desktop, on the web or on Mac). Open Excel and click the “KPI Forms” button on the Home tab (sideload manifest.xml first, see the README).',
  loading: 'Loading…',
  tryAgain: 'Try again',
  faultWhile: 'working in the task pane',
  err: {
    chunk: 'Part of the add-in did not load',
    calculating: 'Still calculating',
    protected: 'A sheet is protected with a password',
    cellEdit: 'Excel is editing a cell',
    input: 'The input has problems',
    missingSheet: 'A sheet is missing',
    notInExcel: 'Not connected to Excel',
    office: 'Excel reported an error',
    unexpected: 'Something unexpected went wrong',
  },
  act: {
    fixCsv: 'Correct the rows named above, then paste or upload again.',
    month: 'Enter the month as YYYY-MM, e.g. 2024-03.',
    insertFirst: 'Insert those sheets (or the whole workbook) first, or undo the renaming/deleting of the sheet, then try again.',
    openInExcel: 'Open the add-in in Excel.',
    cellEdit: 'Finish editing the cell (press Enter or Esc in the sheet), then try again.',
    calcRetry: 'Wait a moment until the cells show numbers, then click “Read results” again.',
    protectedSheet:
      'Unprotect it with its password (Review › Unprotect Sheet) and try again, or insert a fresh copy under a new name instead of replacing it.',
    accessDenied:
      'The workbook or a sheet is protected or read-only: unprotect it (Review › Unprotect Sheet) or open an editable copy, then try again.',
    exists: 'A sheet or name of that name exists: choose “a fresh copy under a new name” and try again.',
    notFound: 'A sheet was deleted or renamed: insert the forms again, then retry.',
    tooBig: 'Too much for one request in Excel on the web: insert in parts (one form, or fewer agents, at a time) or use Excel desktop.',
    apiNotFound: 'This Excel does not support a feature the add-in needs: update Office.',
    busy: 'Excel is busy: wait a moment and try again.',
    retry: 'Try again; if it keeps failing, open “Details” and send them to your administrator.',
    chunk: 'Check the network connection and try again; if the add-in was just updated, close the task pane and open it again.',
    callLog:
      'The log needs a header row with Call Id, Date, Agent, Answered (Y/N), Satisfaction rating (Time optional): rename the columns, or save the file as CSV UTF-8, and import again.',
    roster: EN_ROSTER_NONE,
    mergeChoose: 'Choose below which workbook is right where they differ, or correct the wrong workbook and add it again.',
    mergeFile: 'Choose the month’s workbook (.xlsx) another supervisor filled, or correct it in Excel and add it again.',
  },
  merge: {
    title: 'Another supervisor’s workbook',
    hint: 'Merge the month’s workbook (.xlsx) another supervisor or group leader filled into this one: its agents, inputs and records are added, and S01’s average and the ranks are over everyone (D16). The month’s sheets are written again (when others co-author this workbook, ask them to stop typing in those sheets first); the same agent with different inputs in the two workbooks is not merged until you choose which one is right.',
    add: 'Add another supervisor’s workbook…',
    thisWorkbook: 'this workbook',
    mergeReading: (f) => `Reading ${f}…`,
    conflict: 'Which workbook is right where they differ?',
    mergePrefer: (f) => `Take ${f}’s values and merge`,
    mergeDone: (f, added, agents, records) =>
      `Merged ${f}: ${added} agent${added === 1 ? '' : 's'} added, ${agents} agents and ${records} records in all; S01’s average and the ranks are over all of them.`,
    mergeAdded: (f) => `Agents added (source workbook: ${f})`,
    noneAdded: 'Nobody added: its agents are all in this workbook already.',
  },
};

export const STRINGS: Record<UiLang, Strings> = { zh, en };
