/**
 * The task pane: insert the forms (A, B, written test, after-sales, summary, rules, or the whole
 * workbook), import entries or a call-centre log into them, and read the results back. The forms are
 * always built for the whole roster, so the S01 average (D5) and the ranks (D8) count every agent;
 * "a chosen few" only says whose pages are selected afterwards (to print them with Print Selection).
 * Every Excel call goes through the `host` prop (src/office/host.ts), every failure through the
 * reporter's `reportError` into the one MessageBar.
 * What opening the pane does not need loads on demand (chunks.ts): the CSV and roster reading (`records`,
 * from the first focus in the roster field or use), the templates and the writer (`excel`, at the first
 * insertion or read), the Import and Results tabs (`tabs`) and the call-log import (`calls`).
 */
import * as React from 'react';
import { Button, FluentProvider, Text, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import type { Agent, AgentLayout, SheetKey, WorkbookSpec } from '../templates/model';
import type { InsertProgress, InsertResult, KpiHost, OnConflict, RecordsSheet, SummaryRow } from '../office/host';
import type { KpiRecord, RecordStatus } from '../core/records';
import type { PaneRecord } from './components/RecordTab';
import { isMonth } from '../core/month';
import { Lang, Problem } from '../core/problem';
import { M } from './messages';
import { problemText } from './errors';
import { callsChunk, excelChunk, recordsChunk, tabsChunk } from './chunks';
import { ReporterProvider, useReporter } from './reporter';
import { STRINGS, Strings, UiLang, uiLangOf } from './strings';
import { MessageArea } from './components/MessageArea';
import { RequirementsNotice } from './components/RequirementsNotice';
import { FieldMessage, FormsTab } from './components/FormsTab';
import { Lazy } from './components/Lazy';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: '100vh',
    boxSizing: 'border-box',
  },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS },
  tabs: {
    display: 'flex',
    // one row at 320 px; with larger text the tabs wrap rather than widen the pane
    flexWrap: 'wrap',
    rowGap: tokens.spacingVerticalXS,
    columnGap: tokens.spacingHorizontalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalXS,
  },
  // a small Button is at least 64 px wide: five of them are wider than a 320 px pane
  tab: { minWidth: 0 },
});

export interface AppProps {
  host: KpiHost;
  /** today, for the default month (tests pass a fixed date) */
  now?: Date;
}

/** The task pane for a host that is Excel. */
export function App({ host, now }: AppProps): React.ReactElement {
  const [lang, setLang] = React.useState<UiLang>(() => uiLangOf(host.displayLanguage));
  return (
    <FluentProvider theme={webLightTheme} lang={lang === 'zh' ? 'zh-CN' : 'en-US'}>
      <ReporterProvider>
        <Pane host={host} now={now} lang={lang} setLang={setLang} />
      </ReporterProvider>
    </FluentProvider>
  );
}

const ymd = (d: Date) => `${ym(d)}-${String(d.getDate()).padStart(2, '0')}`;
const ym = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
/** The month a supervisor evaluates: the one that just ended (in January, December of the year before). */
export const previousMonth = (d: Date): string => ym(new Date(d.getFullYear(), d.getMonth() - 1, 1));
/** A field's message for what its text was refused for: each problem of the text on its line (the first shown, the rest under "Details"). */
const fieldText = (e: unknown, lang: Lang): string => (e instanceof Problem ? problemText(e, lang, 50) : String((e as Error).message ?? e));

function Pane({ host, now, lang, setLang }: { host: KpiHost; now?: Date; lang: UiLang; setLang(l: UiLang): void }): React.ReactElement {
  const S: Strings = STRINGS[lang];
  const styles = useStyles();
  const { task, report, reportError, progress, clear } = useReporter();
  const busy = progress !== null;
  const support = host.support;

  const [tab, setTab] = React.useState<'forms' | 'import' | 'record' | 'results' | 'year'>('forms');
  const [month, setMonth] = React.useState(() => previousMonth(now ?? new Date()));
  const [monthTouched, setMonthTouched] = React.useState(false);
  const [rosterText, setRosterTextRaw] = React.useState('');
  const [rosterNote, setRosterNote] = React.useState<((S: Strings) => FieldMessage) | null>(null);
  const [sheetRoster, setSheetRoster] = React.useState<{ sheet: string; agents: Agent[] } | null>(null);
  const [selected, setSelected] = React.useState<Set<string> | null>(null);
  const [agentsError, setAgentsError] = React.useState(false);
  const [mode, setMode] = React.useState<'kpi' | 'plain'>(support.kpiFormulas ? 'kpi' : 'plain');
  const [formLang, setFormLang] = React.useState<UiLang>(lang);
  const [onConflict, setOnConflict] = React.useState<OnConflict>('reuse');
  const [lastSpec, setLastSpec] = React.useState<WorkbookSpec | null>(null);
  const [entriesText, setEntriesTextRaw] = React.useState('');
  const [entriesNote, setEntriesNote] = React.useState<FieldMessage | undefined>(undefined);
  const [results, setResults] = React.useState<SummaryRow[] | null>(null);
  // worded at each render: the report follows the language switch
  const [callReport, setCallReport] = React.useState<((S: Strings) => string[]) | null>(null);
  // the Record tab: the records sheet as read, the records this pane wrote (for Undo), the agent chosen
  const [recordsSheet, setRecordsSheet] = React.useState<{ data: RecordsSheet | null; agents: Agent[] | null } | null>(null);
  const [recent, setRecent] = React.useState<PaneRecord[]>([]);
  const [recordAgent, setRecordAgent] = React.useState<string | null>(null);

  // the pasted roster, parsed as it is typed (once the records chunk is there: `loading` until then)
  const rosterLabel = lang === 'zh' ? '粘贴的花名册' : 'pasted roster';
  const records = recordsChunk.current();
  const [, setRecordsLoaded] = React.useState(0);
  const parsed = React.useMemo((): { agents?: Agent[]; error?: string; loading?: true } | null => {
    if (!rosterText.trim()) return null;
    if (!records) return { loading: true };
    try {
      return { agents: records.parseRoster(rosterText, rosterLabel) };
    } catch (e) {
      return { error: fieldText(e, lang) };
    }
  }, [rosterText, rosterLabel, records, lang]);
  // a roster typed before its parser arrived: load it, then parse (a failed load is reported; the next edit tries again)
  React.useEffect(() => {
    if (!parsed?.loading) return;
    let live = true;
    recordsChunk.load().then(
      () => live && setRecordsLoaded((n) => n + 1),
      (e: unknown) => live && reportError(e),
    );
    return () => {
      live = false;
    };
    // not on reportError, which changes with every message: a new roster text (a new `parsed`) is what loads again
  }, [parsed]);
  const agents: Agent[] | null = parsed ? (parsed.agents ?? null) : (sheetRoster?.agents ?? null);
  const setRosterText = (v: string) => {
    setRosterTextRaw(v);
    setRosterNote(null);
    setSelected(null);
    setAgentsError(false);
  };
  const setEntriesText = (v: string) => {
    setEntriesTextRaw(v);
    setEntriesNote(undefined);
  };

  const monthOk = isMonth(month.trim());
  const monthError = !monthOk && (monthTouched || month.trim() !== '') ? M.monthInvalid[lang]({ value: month }) : undefined;
  let rosterMessage: FieldMessage | undefined;
  if (parsed?.error) rosterMessage = { state: 'error', text: parsed.error };
  else if (rosterNote) rosterMessage = rosterNote(S);
  else if (parsed?.agents) {
    const pre = parsed.agents.filter((a) => a.role === 'pre-sales').length;
    rosterMessage = { state: 'success', text: S.rosterParsed(parsed.agents.length, pre, parsed.agents.length - pre) };
  }

  /** Reads the workbook's roster sheet; null (and a message on the roster field) when there is none. */
  const readSheetRoster = async (): Promise<Agent[] | null> => {
    const sheet = await host.readRoster();
    if (!sheet) {
      setRosterNote(() => (T: Strings): FieldMessage => ({ state: 'error', text: T.rosterNone }));
      return null;
    }
    const { rosterFromSheet } = await recordsChunk.load();
    const list = rosterFromSheet(sheet);
    setSheetRoster({ sheet: sheet.sheet, agents: list });
    setSelected(null);
    setRosterNote(() => (T: Strings): FieldMessage => ({ state: 'success', text: T.rosterFromSheet(sheet.sheet, list.length) }));
    return list;
  };

  /** The roster to use: the pasted one (null when it has errors), else the one read, else the workbook's roster sheet. */
  const resolveAgents = async (): Promise<Agent[] | null> => {
    if (parsed && !parsed.loading) return parsed.agents ?? null;
    if (parsed) {
      const { parseRoster } = await recordsChunk.load();
      try {
        return parseRoster(rosterText, rosterLabel);
      } catch (e) {
        if (e instanceof Problem) return null; // the roster field says why
        throw e;
      }
    }
    if (sheetRoster) return sheetRoster.agents;
    return readSheetRoster();
  };

  const progressOf = (set: (p: { label: (S: Strings) => string; value?: number }) => void) => (p: InsertProgress) =>
    set(
      p.phase === 'read'
        ? { label: (T) => T.progressRead, value: 0.15 }
        : p.phase === 'write'
          ? { label: (T) => T.progressWrite(p.sheets ?? [], p.cells), value: p.cells ? 0.6 : 0.35 }
          : { label: (T) => T.progressWrite(p.sheets ?? [], p.cells), value: 1 },
    );

  const insert = (sheets: SheetKey[] | undefined) =>
    task(async (setProgress) => {
      if (!monthOk) {
        setMonthTouched(true);
        return;
      }
      const all = await resolveAgents();
      if (!all) return;
      const chosen = all.filter((a) => selected === null || selected.has(a.id));
      if (chosen.length === 0) {
        setAgentsError(true);
        return;
      }
      const { buildWorkbook } = await excelChunk.load();
      // the whole roster: averages and ranks count everyone; the chosen few are selected afterwards
      const spec = buildWorkbook({ month: month.trim(), agents: all, lang: formLang, mode });
      const select = chosen.length < all.length ? chosen.map((a) => a.id) : undefined;
      const res = await host.insert(spec, { sheets, onConflict, select, onProgress: progressOf(setProgress) });
      if (res.cancelled) {
        report('warning', (T) => T.cancelled(res.cancelled!));
        return;
      }
      setLastSpec(res.spec);
      setResults(null);
      report('success', (T) => insertedText(T, res, sheets, select));
    });

  /** The layout of the forms in the workbook: the last insertion's, else built from the month and the roster. */
  const resolveLayout = async (): Promise<AgentLayout[] | null> => {
    if (lastSpec) return lastSpec.layout;
    if (!monthOk) {
      setMonthTouched(true);
      throw new Problem(M.monthInvalid, { value: month });
    }
    const list = agents ?? (await resolveAgents());
    if (!list) throw new Problem(M.needLayout, {});
    const { buildWorkbook } = await excelChunk.load();
    return buildWorkbook({ month: month.trim(), agents: list, lang: formLang, mode }).layout;
  };

  const readResults = () =>
    task(async (setProgress) => {
      setProgress({ label: (T) => T.progressRead });
      const layout = await resolveLayout();
      if (!layout) return;
      const rows = await host.readSummary(layout);
      setResults(rows);
      if (rows.some((r) => [r.total, r.rank, r.pay].some((v) => typeof v === 'string' && v.startsWith('#NAME')))) {
        report('warning', (T) => T.nameErrorHint);
      }
    });

  const writeEntries = () =>
    task(async (setProgress) => {
      if (!entriesText.trim()) {
        setEntriesNote({ state: 'error', text: S.entriesEmpty });
        return;
      }
      const layout = await resolveLayout();
      if (!layout) return;
      const { parseEntryRecords } = await recordsChunk.load();
      let entries: ReturnType<typeof parseEntryRecords>;
      try {
        // the counts as records (D12: the form's count is their sum), the monthly figures typed
        entries = parseEntryRecords(
          entriesText,
          lang === 'zh' ? '考核记录' : 'entries',
          layout.map((l) => l.agent),
          lastSpec?.month ?? month.trim(),
        );
      } catch (e) {
        if (!(e instanceof Problem)) throw e;
        // said once, on the field it is about (the other rows under its "Details")
        setEntriesNote({ state: 'error', text: fieldText(e, lang) });
        return;
      }
      setProgress({ label: (T) => T.progressWorking, value: 0.5 });
      const r = await host.writeInputs(layout, entries.inputs, entries.records);
      setEntriesNote(undefined);
      report('success', (T) =>
        [T.wroteEntries(r.cells, r.records ?? 0), r.notInLayout.length ? T.notInLayout(r.notInLayout.join(', ')) : '']
          .filter(Boolean)
          .join('\n'),
      );
    });

  /**
   * A call-centre log: A01 as records (one per unanswered call, the call as evidence), S01 / S02 into the
   * forms' input cells (host.writeInputs, as entries).
   * The import's code (call-log.ts, io/calls-core.ts) is a chunk of its own (`calls`), fetched on the first use.
   */
  const importCalls = (file: File) =>
    task(async (setProgress) => {
      setCallReport(null);
      const layout = await resolveLayout();
      if (!layout) return;
      const calls = await callsChunk.load();
      const r = await calls.importCallLogIntoForms(file, lastSpec?.month ?? month.trim(), layout, host, () =>
        setProgress({ label: (T) => T.progressWorking, value: 0.5 }),
      );
      setCallReport(() => r.report);
      report(r.intent, r.text, r.title);
    });

  /** The records sheet and the roster (pasted, else the workbook's), for the Record tab. */
  const readRecordsSheet = () =>
    task(async (setProgress) => {
      setProgress({ label: (T) => T.progressRead });
      const data = await host.readRecords();
      setRecordsSheet({ data, agents: data ? (parsed?.agents ?? sheetRoster?.agents ?? (await readSheetRoster())) || null : null });
    });

  /** One record appended in one sync; the list of this pane's records gets it first. */
  const addRecord = async (record: KpiRecord): Promise<boolean> =>
    !!(await task(async () => {
      const data = recordsSheet?.data;
      if (!data) return false;
      const { row, rewritten = [] } = await host.appendRecord(data.sheet, record, data.lang, recordsSheet?.agents ?? undefined); // with the roster: room grows
      // this pane's earlier records whose row a co-author's record took meanwhile: found elsewhere or written again
      const to = (x: { sheet: string; row: number }) =>
        x.sheet === data.sheet ? (rewritten.find((w) => w.from === x.row)?.to ?? x.row) : x.row;
      setRecent((r) => [{ sheet: data.sheet, lang: data.lang, row, record }, ...r.map((x) => ({ ...x, row: to(x) }))].slice(0, 10));
      setRecordsSheet((x) => x && x.data && { ...x, data: { ...x.data, rows: [...x.data.rows, { row, record }] } });
      const again = rewritten.filter((w) => w.again).length;
      report(
        again ? 'warning' : 'success',
        (T) => `${T.rec.recorded} ${record.id} ${record.code} ×${record.count ?? ''}${again ? ` ${T.rec.rewritten(again)}` : ''}`,
      );
      if (rewritten.length) {
        const fresh = await host.readRecords();
        setRecordsSheet((x) => x && { ...x, data: fresh });
      }
      return true;
    }));

  /** A record's status (Undo: withdrawn) in one sync; a row that no longer holds it is said, and the sheet read again. */
  const setRecordStatus = (row: number, record: KpiRecord, status: RecordStatus) =>
    void task(async () => {
      const data = recordsSheet?.data;
      if (!data) return;
      const r = await host.setRecordStatus(data.sheet, row, record, status, data.lang);
      if (r.moved) {
        report('warning', (T) => T.rec.moved);
        const again = await host.readRecords();
        setRecordsSheet((x) => x && { ...x, data: again });
        return;
      }
      const next = { ...record, status };
      setRecent((list) => list.map((x) => (x.row === row && x.sheet === data.sheet ? { ...x, record: next } : x)));
      setRecordsSheet(
        (x) => x && x.data && { ...x, data: { ...x.data, rows: x.data.rows.map((y) => (y.row === row ? { row, record: next } : y)) } },
      );
      report('success', (T) =>
        status === 'withdrawn' && recent.some((x) => x.row === row) ? T.rec.undone : `${T.rec.statusSet} ${T.rec.status[status]}`,
      );
    });

  const openForm = (row: SummaryRow) =>
    task(async () => {
      await host.activate(row.formCell);
    });

  /** Reads an uploaded CSV; null when the file is a workbook (by its name, type or bytes). */
  const readCsvOrNull = async (file: File): Promise<string | null> => {
    const { isWorkbookFile, readCsvFile } = await recordsChunk.load();
    if (isWorkbookFile(file)) return null;
    try {
      return await readCsvFile(file);
    } catch (e) {
      if (e instanceof Problem && e.code === M.workbookNotCsv.code) return null;
      throw e;
    }
  };

  const uploadEntries = (file: File) =>
    task(async () => {
      const text = await readCsvOrNull(file);
      if (text === null) throw new Problem(M.entriesNotCsv, { file: file.name });
      setEntriesText(text);
    });

  /** A roster CSV fills the roster field; a roster .xlsx is read like the workbook's roster sheet. */
  const uploadRoster = (file: File) =>
    task(async () => {
      const text = await readCsvOrNull(file);
      if (text !== null) {
        setRosterText(text);
        setLastSpec(null);
        return;
      }
      const { canReadXlsx, readRosterXlsx } = await recordsChunk.load();
      if (!canReadXlsx()) throw new Problem(M.rosterXlsxNotInPane, {});
      const { SHEET_NAMES } = await excelChunk.load();
      const { sheet, agents: list } = await readRosterXlsx(file, [SHEET_NAMES.zh.roster, SHEET_NAMES.en.roster]);
      setRosterText('');
      setLastSpec(null);
      setSheetRoster({ sheet: sheet.sheet, agents: list });
      setRosterNote(() => (T: Strings): FieldMessage => ({ state: 'success', text: T.rosterFromFile(sheet.sheet, list.length) }));
    });

  return (
    <div className={styles.root}>
      <div className={styles.header}>
        <Text as="h1" size={500} weight="semibold">
          {S.appTitle}
        </Text>
        <Button
          size="small"
          appearance="subtle"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          data-testid="lang-switch"
          lang={lang === 'zh' ? 'en' : 'zh'}
        >
          {S.switchTo}
        </Button>
      </div>
      <RequirementsNotice support={support} S={S} />
      <MessageArea S={S} />
      {/* a tab bar of buttons: Fluent's TabList would add ~24 KB gzip to the pane, its ToggleButton ~2 KB */}
      <div role="tablist" className={styles.tabs} aria-label={S.appTitle}>
        {(
          [
            ['forms', S.tabForms],
            ['import', S.tabImport],
            ['record', S.rec.tab],
            ['results', S.tabResults],
            ['year', S.year.tab],
          ] as const
        ).map(([value, label]) => (
          <Button
            key={value}
            role="tab"
            aria-selected={tab === value}
            appearance={tab === value ? 'primary' : 'subtle'}
            shape="circular"
            size="small"
            className={styles.tab}
            onClick={() => {
              // a message belongs to the tab it was given on (an import's warning is no news on Results)
              if (value !== tab) clear();
              setTab(value);
            }}
            // the tab's chunk is fetched while the pointer is on its button, so a click mostly finds it there
            onPointerEnter={value === 'forms' ? undefined : tabsChunk.preload}
            onFocus={value === 'forms' ? undefined : tabsChunk.preload}
            data-testid={`tab-${value}`}
          >
            {label}
          </Button>
        ))}
      </div>
      {tab === 'forms' ? (
        <FormsTab
          S={S}
          busy={busy}
          canInsert={support.canInsert}
          month={month}
          setMonth={(v) => {
            setMonth(v);
            setLastSpec(null);
          }}
          monthError={monthError}
          rosterText={rosterText}
          setRosterText={(v) => {
            setRosterText(v);
            setLastSpec(null);
          }}
          rosterMessage={rosterMessage}
          rosterLoading={!!parsed?.loading}
          onRosterIntent={recordsChunk.preload}
          onInsertIntent={() => {
            recordsChunk.preload();
            excelChunk.preload();
          }}
          onUpload={uploadRoster}
          onReadRoster={() =>
            task(async () => {
              setRosterTextRaw('');
              await readSheetRoster();
            })
          }
          agents={agents}
          selected={selected}
          setSelected={(s) => {
            setSelected(s);
            setAgentsError(false);
          }}
          agentsError={agentsError ? S.noneSelected : undefined}
          mode={mode}
          setMode={setMode}
          formLang={formLang}
          setFormLang={setFormLang}
          onConflict={onConflict}
          setOnConflict={setOnConflict}
          onInsert={(sheets) => void insert(sheets).catch(reportError)}
        />
      ) : (
        <Lazy chunk={tabsChunk} S={S}>
          {({ ImportTab, RecordTab, ResultsTab, YearTab }) =>
            tab === 'year' ? (
              <YearTab
                S={S}
                host={host}
                busy={busy}
                layout={lastSpec?.layout ?? null}
                today={ymd(now ?? new Date())}
                onNewMonth={(spec) => {
                  // the next month's forms replaced this month's: the pane works on them
                  setLastSpec(spec);
                  setMonth(spec.month);
                  setResults(null);
                  setRecordsSheet(null);
                }}
              />
            ) : tab === 'record' ? (
              <RecordTab
                S={S}
                busy={busy}
                data={recordsSheet?.data ?? null}
                missing={recordsSheet !== null && recordsSheet.data === null}
                agents={recordsSheet?.agents ?? null}
                onRead={() => void readRecordsSheet()}
                onRecord={addRecord}
                onSetStatus={setRecordStatus}
                recent={recent}
                agentId={recordAgent}
                setAgentId={setRecordAgent}
                today={ymd(now ?? new Date())}
              />
            ) : tab === 'import' ? (
              <ImportTab
                S={S}
                busy={busy}
                text={entriesText}
                setText={setEntriesText}
                message={entriesNote}
                onUpload={uploadEntries}
                onWrite={writeEntries}
                onCallLog={importCalls}
                callReport={callReport ? callReport(S) : null}
                merge={{
                  host,
                  lang: lastSpec?.lang ?? formLang,
                  onMerged: (spec) => {
                    // the department's month replaced this one's sheets: the pane works on them
                    setLastSpec(spec);
                    setResults(null);
                    setRecordsSheet(null);
                  },
                }}
              />
            ) : (
              <ResultsTab
                S={S}
                busy={busy}
                rows={results}
                onRead={readResults}
                onOpen={openForm}
                onRecords={(row) => {
                  clear();
                  setRecordAgent(row.id);
                  setTab('record');
                }}
              />
            )
          }
        </Lazy>
      )}
    </div>
  );
}

/** The success message of an insertion: what was inserted, renamed, replaced, reused, selected, skipped. */
function insertedText(S: Strings, r: InsertResult, sheets: SheetKey[] | undefined, select: string[] | undefined): string {
  const lines: string[] = [];
  // nothing new: the chosen sheets were there already (made for this month and roster) and were opened
  const chosenReused = r.reused.filter((x) => (sheets ?? r.spec.sheets.map((s) => s.key)).includes(x.key));
  const onlyOpened = r.sheets.length === 0 && chosenReused.length > 0;
  if (onlyOpened) lines.push(S.opened(chosenReused.map((x) => x.name)));
  else lines.push(S.inserted(r.sheets));
  const renamed = Object.entries(r.renamed);
  if (renamed.length) lines.push(S.renamedNote(renamed.map(([a, b]) => `${a} → ${b}`).join(', ')));
  if (r.otherStamp) lines.push(S.otherStampNote(r.otherStamp.month, r.otherStamp.differs));
  if (r.replaced.length) lines.push(S.replacedNote(r.replaced));
  const alsoReused = r.reused.filter((x) => !(onlyOpened && chosenReused.includes(x)));
  if (alsoReused.length) lines.push(S.reusedNote(alsoReused.map((x) => x.name)));
  if (select) {
    lines.push(S.allWrittenNote(r.spec.layout.length));
    if (r.selected) lines.push(S.selectedNote(r.selected.agents, r.selected.sheet));
  }
  if (r.namesKept.length) lines.push(S.namesKeptNote(r.namesKept.length));
  if (r.skipped.length) lines.push(S.skippedNote(r.skipped.map((k) => S.featureLoss[k] ?? k)));
  return lines.join('\n');
}
