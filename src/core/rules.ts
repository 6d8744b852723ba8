/**
 * The rules of ../shared/spec/forms.md as typed data: every item (code, zh and en label, points,
 * kind), the weights, the grade scales, the pay base, the quarter award, bottom N and the defaults
 * D1–D11. This is the default rule set; a workbook carries its own copy in its rules sheet as
 * defined names (see src/templates/rule-names.ts) that a manager may edit, and every formula reads them from there.
 *
 * Pure data: imports nothing from Office.js or ExcelJS.
 */

/** How an input of an item is entered on a form. */
export type InputKind =
  /** whole count ≥ 0 (D4), blank = 0 (D1) */
  | 'count'
  /** days ≥ 0 in half days, e.g. 1.5 (B06, D4) */
  | 'halfday'
  /** points entered by the assessor (B13), ≥ 0, blank = 0 */
  | 'points'
  /** escalating count: first time `first` points, each further time `next` points (B12, D2) */
  | 'escalating'
  /** red line: count of occurrences, any ≥ 1 flags the person (AR1/AR2, D3) */
  | 'redline'
  /** written test score 0–100, blank = incomplete (D11) */
  | 'score'
  /** a grade letter A–E (S03, S06) */
  | 'grade'
  /** rating letters A–D, one per called-back ticket (S02) */
  | 'ratings'
  /** ticket count, whole ≥ 0, blank = incomplete (S01, D11) */
  | 'tickets';

export type FormId = 'A' | 'B' | 'EX' | 'S';

export interface Item {
  /** forms.md code: A01…A11, AR1, AR2, B01…B13, EX, S01…S06, SP1, SN1 */
  code: string;
  form: FormId;
  zh: string;
  en: string;
  kind: InputKind;
  /** points per occurrence for deductions (A, B, S04, S05, SP1, SN1); 0 where not applicable */
  points: number;
  /** the rule as the paper form states it */
  ruleZh: string;
  ruleEn: string;
  /** after-sales weight (S01–S06), fraction of 1 */
  weight?: number;
}

/** The rule most deductions state on the paper forms: the points, each time. */
const perTime = (points: number): [zh: string, en: string] => [`每次${points}分`, `${points} per time`];

/** A deduction of form A or B: `points` per occurrence, the rule as the paper form states it. */
const deduction =
  (form: 'A' | 'B') =>
  (code: string, zh: string, en: string, points: number, [ruleZh, ruleEn] = perTime(points), kind: InputKind = 'count'): Item => ({
    code,
    form,
    zh,
    en,
    kind,
    points,
    ruleZh,
    ruleEn,
  });
const a = deduction('A');
const b = deduction('B');

/** Form A, 业务考核: 11 per-occurrence deductions, in the source's order. */
export const FORM_A_ITEMS: readonly Item[] = [
  a('A01', '电话响铃3声内未接听', 'phone not answered within 3 rings', 2),
  a('A02', '未使用标准接听语', 'standard greeting not used', 2),
  a('A03', '未清楚报出客服人员编号', 'agent number not stated clearly', 2),
  a('A04', '未使用标准结束语', 'standard closing not used', 2),
  a('A05', '让用户等待超过30秒', 'caller on hold over 30 s', 2, ['每多30秒2分', '2 per extra 30 s']),
  a('A06', '一个电话让用户等待两次及以上', 'caller put on hold twice or more in one call', 2, ['每个电话2分', '2 per call']),
  a('A07', '用语不佳、语气不好', 'poor wording or tone', 4),
  a('A08', '对用户使用不文明用语', 'uncivil language to a caller', 4),
  a('A09', '不认真听取问题、答非所问', 'not listening, answer off the point', 4),
  a('A10', '需记录的未按要求记录', 'required record not taken', 2, ['每差一条2分', '2 per missing entry']),
  a('A11', '强制挂断用户来电', 'hanging up on a caller', 4),
];

/** Red lines of form A (二. 违反任意一条,上报公司开除处理), D3. */
export const RED_LINES: readonly Item[] = [
  {
    code: 'AR1',
    form: 'A',
    zh: '电话接听与用户争执或冲突',
    en: 'argument or conflict with a caller',
    kind: 'redline',
    points: 0,
    ruleZh: '上报公司开除处理',
    ruleEn: 'reported for dismissal',
  },
  {
    code: 'AR2',
    form: 'A',
    zh: '私自与技术人员联系,不按平台流程下单',
    en: 'contacting technicians privately, ordering outside the platform process',
    kind: 'redline',
    points: 0,
    ruleZh: '上报公司开除处理',
    ruleEn: 'reported for dismissal',
  },
];

/** Form B, 工作纪律: B01–B11 per occurrence, B12 escalating (D2), B13 points entered. */
export const FORM_B_ITEMS: readonly Item[] = [
  b('B01', '迟到、早退', 'late arrival or early leave', 3, ['每项3分', '3 each']),
  b('B02', '代打卡或找他人代打卡', 'clocking in for someone, or having someone clock in', 3, ['每项3分', '3 each']),
  b('B03', '请假未在当班1小时内电话通知部门经理(按旷工处理)', 'leave not phoned in within 1 h of shift (counted as absence)', 5),
  b('B04', '值班主管发现迟到、早退、旷工未按时通知部门经理', 'duty supervisor did not report lateness/absence in time', 5),
  b('B05', '擅自离岗(工作时间内10分钟不在岗位)', 'away from post without leave (10 min)', 3),
  b('B06', '事假', 'personal leave', 2, ['每天2分(可按半天)', '2 per day (half days allowed)'], 'halfday'),
  b('B07', '工作岗位玩游戏', 'playing games at the post', 5),
  b('B08', '使用与工作无关的聊天工具闲聊', 'chatting on non-work messaging', 3),
  b('B09', '浏览与工作无关的网站', 'browsing non-work websites', 3),
  b('B10', '工作区域手机未调振动', 'phone not on vibrate in the work area', 3),
  b('B11', '工作区域抽烟', 'smoking in the work area', 5),
  b(
    'B12',
    '不服从上级工作分配',
    'refusing an assignment from a superior',
    5,
    ['第一次5分,以后每次10分', '5 the first time, 10 each further time'],
    'escalating',
  ),
  b(
    'B13',
    '其他违反公司规章制度(按情况执行)',
    'other breach of company rules (case by case)',
    1,
    ['由考核人填写扣分', 'points entered by the assessor'],
    'points',
  ),
];

/** The written test (笔试), 0–100; blank = incomplete (D11). */
export const WRITTEN_TEST: Item = {
  code: 'EX',
  form: 'EX',
  zh: '笔试',
  en: 'written test',
  kind: 'score',
  points: 0,
  ruleZh: '0–100分',
  ruleEn: 'score 0–100',
};

/** The after-sales form: six weighted items, then SP1 (bonus) and SN1 (complaints). */
export const AFTER_SALES_ITEMS: readonly Item[] = [
  {
    code: 'S01',
    form: 'S',
    zh: '售后问题处理单量',
    en: 'after-sales tickets handled',
    kind: 'tickets',
    points: 0,
    weight: 0.3,
    ruleZh: '实际单量/平均单量*100',
    ruleEn: 'actual tickets ÷ average tickets × 100',
  },
  {
    code: 'S02',
    form: 'S',
    zh: '客户满意度',
    en: 'customer satisfaction',
    kind: 'ratings',
    points: 0,
    weight: 0.3,
    ruleZh: '抽查回访20单已处理售后单:A.非常满意5分、B.比较满意3分、C.不太满意0分、D.很不满意-5分,合计20单的总评分',
    ruleEn:
      '20 handled tickets called back: A very satisfied +5, B satisfied +3, C not very satisfied 0, D very dissatisfied −5; the sum over the 20',
  },
  {
    code: 'S03',
    form: 'S',
    zh: '工作态度',
    en: 'work attitude',
    kind: 'grade',
    points: 0,
    weight: 0.1,
    ruleZh:
      'A.主动拟定工作计划,任劳任怨,勇挑重担(100分) B.工作积极性较高,责任心高(80分) C.能及时完成上级交办的任务,但缺乏积极性(60分) D.工作责任心不足,投机取巧(30分) E.不服从上级领导安排,做事敷衍(0分)',
    ruleEn:
      'A plans own work, takes on heavy tasks, proactive (100); B quite motivated, responsible, careful (80); C finishes assigned tasks but lacks drive (60); D lacks responsibility, cuts corners (30); E disobeys, perfunctory (0)',
  },
  {
    code: 'S04',
    form: 'S',
    zh: '日志周报表完成情况',
    en: 'daily log and weekly report',
    kind: 'count',
    points: 5,
    weight: 0.1,
    ruleZh: '未及时提交一次扣5分,总分100分扣完为止',
    ruleEn: '100 minus 5 per report not handed in on time, down to 0',
  },
  {
    code: 'S05',
    form: 'S',
    zh: '遵守公司部门规章制度情况',
    en: 'compliance with company and department rules',
    kind: 'count',
    points: 5,
    weight: 0.1,
    ruleZh: '违规一次扣5分,总分100分扣完为止',
    ruleEn: '100 minus 5 per breach, down to 0',
  },
  {
    code: 'S06',
    form: 'S',
    zh: '团队协作能力',
    en: 'teamwork',
    kind: 'grade',
    points: 0,
    weight: 0.1,
    ruleZh:
      'A.团队精神意识强烈(100分) B.有着团队意识,共同配合(80分) C.有一定的部门责任感和集体荣誉感(70分) D.团体服务意识不强(50分) E.各自为营,事不关己(0分)',
    ruleEn:
      'A strong team spirit and coordination (100); B team-minded, cooperates (80); C some sense of responsibility and collective honour (70); D weak service spirit (50); E works alone, indifferent to others (0)',
  },
];

export const BONUS_ITEMS: readonly Item[] = [
  {
    code: 'SP1',
    form: 'S',
    zh: '建议加分',
    en: 'suggestion bonus',
    kind: 'count',
    points: 5,
    ruleZh: '提出建议被采纳的每次加5分,加分上限为30分',
    ruleEn: '+5 per adopted suggestion, at most +30',
  },
  {
    code: 'SN1',
    form: 'S',
    zh: '服务减分',
    en: 'complaint deduction',
    kind: 'count',
    points: 5,
    ruleZh: '接到顾客投诉一次,扣5分,扣分不封顶',
    ruleEn: '−5 per customer complaint, no limit',
  },
];

export const ALL_ITEMS: readonly Item[] = [
  ...FORM_A_ITEMS,
  ...RED_LINES,
  ...FORM_B_ITEMS,
  WRITTEN_TEST,
  ...AFTER_SALES_ITEMS,
  ...BONUS_ITEMS,
];

/** Each item by its code (the first, were a code listed twice): a score looks up every input cell's code. */
const ITEM_BY_CODE = new Map<string, Item>();
for (const i of ALL_ITEMS) if (!ITEM_BY_CODE.has(i.code)) ITEM_BY_CODE.set(i.code, i);

export function findItem(code: string): Item | undefined {
  return ITEM_BY_CODE.get(code.trim().toUpperCase());
}

export type GradeLetter = 'A' | 'B' | 'C' | 'D' | 'E';
export type RatingLetter = 'A' | 'B' | 'C' | 'D';

/** A rule set: the defaults of forms.md, or the copy a workbook's rules sheet holds. */
export interface Rules {
  /** points per occurrence, by item code (A01…A11, B01…B11, B13 = 1 per point entered) */
  points: Record<string, number>;
  /** B12 escalation (D2): first time, each further time */
  b12First: number;
  b12Next: number;
  /** pre-sales weights: form A, form B, written test */
  weightA: number;
  weightB: number;
  weightEX: number;
  /** after-sales weights S01…S06 */
  weightsS: Record<string, number>;
  /** grade scales, letter → points (S03 工作态度, S06 团队协作能力) */
  gradeS03: Record<GradeLetter, number>;
  gradeS06: Record<GradeLetter, number>;
  /** satisfaction rating points (S02) and the sample size the sum is scaled to (D6) */
  satisfaction: Record<RatingLetter, number>;
  satisfactionSample: number;
  /** S04/S05: points per missed report / breach */
  s04Points: number;
  s05Points: number;
  /** SP1: points per adopted suggestion, cap; SN1: points per complaint */
  sp1Points: number;
  sp1Cap: number;
  sn1Points: number;
  /** S01 cap (D5); null = no cap */
  s01Cap: number | null;
  /** pay = payBase × total % (yuan), D7 */
  payBase: number;
  /** quarter award (yuan), D10 */
  quarterAward: number;
  /** "last two" (D9) */
  bottomN: number;
  /** D10: 'calendar' quarter (default) or a 'rolling' three-month window */
  quarterMode: 'calendar' | 'rolling';
}

export const DEFAULT_RULES: Rules = {
  points: Object.fromEntries([...FORM_A_ITEMS, ...FORM_B_ITEMS].map((i) => [i.code, i.points])),
  b12First: 5,
  b12Next: 10,
  weightA: 0.6,
  weightB: 0.3,
  weightEX: 0.1,
  weightsS: Object.fromEntries(AFTER_SALES_ITEMS.map((i) => [i.code, i.weight ?? 0])),
  gradeS03: { A: 100, B: 80, C: 60, D: 30, E: 0 },
  gradeS06: { A: 100, B: 80, C: 70, D: 50, E: 0 },
  satisfaction: { A: 5, B: 3, C: 0, D: -5 },
  satisfactionSample: 20,
  s04Points: 5,
  s05Points: 5,
  sp1Points: 5,
  sp1Cap: 30,
  sn1Points: 5,
  s01Cap: null,
  payBase: 400,
  quarterAward: 300,
  bottomN: 2,
  quarterMode: 'calendar',
};

/** The defaults D1–D11 as the rules sheet shows them. */
export const DEFAULTS_TEXT: ReadonlyArray<{ code: string; zh: string; en: string }> = [
  {
    code: 'D1',
    zh: '表A、表B得分 = 100 − Σ 次数 × 分值,最低为0;次数空白按0计',
    en: 'Forms A and B: score = max(0, 100 − Σ count × points); a blank count is 0',
  },
  { code: 'D2', zh: 'B12 第一次扣5分,以后每次扣10分', en: 'B12: 5 the first time, 10 each further time' },
  {
    code: 'D3',
    zh: '红线AR1/AR2:标记“红线·上报开除处理”,照常计分排名,当月绩效工资为0,不得季度奖',
    en: 'Red lines AR1/AR2: flagged, still scored and ranked; pay 0 that month; no quarter award',
  },
  {
    code: 'D4',
    zh: 'B06按天计,可为半天(0.5);其余次数为≥0的整数',
    en: 'B06 counts days in half days (0.5); every other count is a whole number ≥ 0',
  },
  {
    code: 'D5',
    zh: 'S01平均单量 = 当月售后专员实际单量的平均值(空白不计);默认无上限;平均为0则无法评分',
    en: 'S01 average = mean of the after-sales agents’ ticket counts (blanks excluded); no cap by default; average 0 cannot be scored',
  },
  {
    code: 'D6',
    zh: 'S02 评价不足或超过20单时,总分按20单折算(总分×20÷评价单数);无评价为未完成',
    en: 'S02: with n ≠ 20 ratings the sum is scaled to 20 (sum × 20 ÷ n); n = 0 is incomplete',
  },
  { code: 'D7', zh: '绩效工资四舍五入到分,不低于0,无上限', en: 'Pay rounded to 0.01 yuan, half away from zero, never below 0, no cap' },
  {
    code: 'D8',
    zh: '按月、按岗位(售前/售后)分别排名,高分在前,同分同名次(1,1,3);未完成者不排名',
    en: 'Ranking per month and per kind, highest first, ties share a rank (1, 1, 3); incomplete is not ranked',
  },
  {
    code: 'D9',
    zh: '“后两名”:倒数名次(同分同名次)为1或2者;排名人数≤2时不标记',
    en: '“Last two”: rank from the bottom (ties sharing) is 1 or 2; nobody when 2 or fewer are ranked',
  },
  {
    code: 'D10',
    zh: '“连续3个月”= 同一自然季度的三个月,季度奖随季度最后一个月发放;可改为滚动三个月',
    en: '“Three months in a row” = the three months of one calendar quarter; paid with its last month; rolling window is an option',
  },
  {
    code: 'D11',
    zh: '缺笔试、单量、等级或满意度样本时显示“未完成”,不显示0,不参加排名',
    en: 'A missing test, ticket count, grade or satisfaction sample shows “incomplete”, never 0, and is not ranked',
  },
];

/** The text a result shows when its inputs are incomplete (D11), in formulas and in the engine alike. */
export const INCOMPLETE = 'incomplete';
