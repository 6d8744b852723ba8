/**
 * The Year tab (issue 10, forms.md D13–D14): a supervisor keeping the year in one workbook closes the month the
 * forms hold into the Ledger sheet (office/year.ts `closeMonth`: refused with what to fix, else the rows written
 * in one batch), starts the next month in the same sheets (the roster sheet as edited, the rules kept, inputs
 * and records cleared, the quarter's earlier months from the ledger; no renamed copies), inserts a closed month's
 * notice, reopens the month closed (a reason required, kept in the ledger's log, D13), and sees the improvement plans not yet handed in with their due dates (overdue marked).
 * Chunk "tabs"; its Excel code (office/year.ts, the year sheets' templates) is in chunk "excel".
 */
import * as React from 'react';
import { Badge, Button, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { AgentLayout, WorkbookSpec } from '../../templates/model';
import type { KpiHost, YearState } from '../../office/host';
import { ledgerMonths, planOverdue, plansOf } from '../../core/ledger';
import { addMonths } from '../../core/month';
import { Problem } from '../../core/problem';
import { excelChunk, recordsChunk } from '../chunks';
import { M } from '../messages';
import { useReporter } from '../reporter';
import type { Strings } from '../strings';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, flexBasis: '140px', minWidth: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  late: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}` },
});

export interface YearTabProps {
  S: Strings;
  host: KpiHost;
  busy: boolean;
  /** the forms' layout when the pane inserted them (else built from the workbook's roster sheet) */
  layout: AgentLayout[] | null;
  /** today, YYYY-MM-DD (the notice date's default, D14, and what "overdue" is measured against) */
  today: string;
  /** the next month's workbook was inserted: the pane's month, layout and results follow it */
  onNewMonth(spec: WorkbookSpec): void;
}

export function YearTab(p: YearTabProps): React.ReactElement {
  const { S, host } = p;
  const W = S.year;
  const styles = useStyles();
  const { task, report } = useReporter();
  const [year, setYear] = React.useState<YearState | null>(null);
  const [notice, setNotice] = React.useState(p.today);
  const [noticeMonth, setNoticeMonth] = React.useState('');
  const [reason, setReason] = React.useState('');

  const read = () =>
    task(async () => {
      const y = await host.readYear!();
      setYear(y);
      return y;
    });
  // the first read when the tab opens
  React.useEffect(() => {
    if (host.readYear) void read();
    // once, on opening
  }, []);

  const closed = year ? ledgerMonths(year.ledger.rows) : [];
  const isClosed = !!year?.month && closed.includes(year.month);
  const shownNotice = noticeMonth || closed[closed.length - 1] || '';

  /** The forms' layout: the pane's, else the workbook's roster sheet and month. */
  const layoutOf = async (y: YearState): Promise<AgentLayout[]> => {
    if (p.layout) return p.layout;
    const sheet = await host.readRoster();
    if (!sheet) throw new Problem(M.needLayout, {});
    const [{ rosterFromSheet }, { buildWorkbook }] = await Promise.all([recordsChunk.load(), excelChunk.load()]);
    return buildWorkbook({ month: y.month, agents: rosterFromSheet(sheet), lang: y.lang, mode: y.mode }).layout;
  };

  const close = () =>
    void task(async () => {
      const y = year ?? (await host.readYear!());
      const layout = await layoutOf(y);
      const r = await host.closeMonth!(layout, y, { today: p.today, ...(notice ? { notice } : {}) });
      setYear(r.year);
      report('success', (T) => T.year.yearClosed(r.month, r.agents, r.plans, r.due));
    });

  // D13: a closed month reopened only with a reason, kept in the ledger's log (as kpi-forms close --reopen --reason)
  const reopen = () =>
    void task(async () => {
      const y = year ?? (await host.readYear!());
      const r = await host.reopenMonth!(y, { reason, today: p.today });
      setYear(r.year);
      setReason('');
      report('success', (T) => T.year.yearReopened(r.month, r.reason));
    });

  const next = () =>
    void task(async () => {
      const y = year!;
      const info = await host.readMonthRules!();
      const sheet = await host.readRoster();
      if (!sheet) throw new Problem(M.needLayout, {});
      const [{ rosterFromSheet }, { buildWorkbook, historyFromLedger }] = await Promise.all([recordsChunk.load(), excelChunk.load()]);
      const month = addMonths(info.month, 1);
      // the roster as the supervisor left it (joiners, leavers), the rules kept, the quarter's closed months from the ledger
      const spec = buildWorkbook({
        month,
        agents: rosterFromSheet(sheet),
        lang: info.lang,
        mode: info.mode,
        rules: info.rules,
        history: historyFromLedger(y.ledger.rows, month, info.rules.quarterMode),
      });
      // the same sheets, cleared and written for the new month: never a renamed copy
      const res = await host.insert(spec, { onConflict: 'replace' });
      p.onNewMonth(res.spec);
      setYear({ ...y, month });
      report('success', (T) => T.year.yearNext(month));
    });

  const insertNotice = () =>
    void task(async () => {
      const r = await host.insertNotice!(year!.ledger, shownNotice, year!.lang);
      report('success', (T) => T.year.yearNoticeDone(r.sheets[0] ?? r.replaced[0] ?? ''));
    });

  if (!host.readYear) return <Text className={styles.note}>{W.noMonth}</Text>;
  const open = year ? plansOf(year.ledger).filter((x) => x.submitted === '') : [];
  return (
    <div className={styles.section} data-testid="year-tab">
      {year && !year.month ? (
        <Text className={styles.note} data-testid="year-no-month">
          {W.noMonth}
        </Text>
      ) : null}
      {year?.month ? (
        <div className={styles.row}>
          <Text weight="semibold" data-testid="year-month">
            {W.yearMonth(year.month)}
          </Text>
          <Badge appearance="tint" color={isClosed ? 'success' : 'informative'} data-testid="year-status">
            {isClosed ? W.isClosed : W.isOpen}
          </Badge>
        </div>
      ) : null}
      <div className={styles.row}>
        <Field label={W.noticeDate} className={styles.grow}>
          <Input type="date" value={notice} onChange={(_, d) => setNotice(d.value)} data-testid="year-notice-date" />
        </Field>
        <Button appearance="primary" disabled={p.busy || !year?.month || isClosed} onClick={close} data-testid="year-close">
          {W.yearClose(year?.month ?? '')}
        </Button>
      </div>
      <Text className={styles.note}>{W.closeHint}</Text>
      {isClosed && host.reopenMonth ? (
        <>
          <div className={styles.row}>
            <Field label={W.reopenReason} required className={styles.grow}>
              <Input value={reason} onChange={(_, d) => setReason(d.value)} data-testid="year-reopen-reason" />
            </Field>
            <Button disabled={p.busy || reason.trim() === ''} onClick={reopen} data-testid="year-reopen">
              {W.reopen}
            </Button>
          </div>
          <Text className={styles.note}>{W.reopenHint}</Text>
        </>
      ) : null}
      <div className={styles.row}>
        <Button disabled={p.busy || !isClosed} onClick={next} data-testid="year-next">
          {W.next}
        </Button>
      </div>
      <Text className={styles.note}>{W.nextHint}</Text>

      <Text weight="semibold">{W.notice}</Text>
      {closed.length ? (
        <div className={styles.row}>
          <Select
            className={styles.grow}
            value={shownNotice}
            onChange={(_, d) => setNoticeMonth(d.value)}
            aria-label={W.notice}
            data-testid="year-notice-month"
          >
            {closed.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </Select>
          <Button disabled={p.busy} onClick={insertNotice} data-testid="year-notice">
            {W.insertNotice}
          </Button>
        </div>
      ) : (
        <Text className={styles.note}>{W.noneClosed}</Text>
      )}

      <Text weight="semibold">{W.plans}</Text>
      {open.length ? (
        <ul className={styles.list} data-testid="year-plans">
          {open.map((x) => {
            const late = planOverdue(x, p.today);
            return (
              <li
                key={`${x.month}|${x.id}`}
                className={late ? `${styles.item} ${styles.late}` : styles.item}
                data-testid={`plan-${x.month}-${x.id}`}
                data-overdue={late}
              >
                <Text>
                  {x.month} {x.id} {x.name}
                </Text>
                <Text className={styles.note}>{W.yearDue(x.due)}</Text>
                {late ? (
                  <Badge color="danger" appearance="filled">
                    {W.overdue}
                  </Badge>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <Text className={styles.note}>{W.noPlans}</Text>
      )}
      <div>
        <Button size="small" appearance="subtle" disabled={p.busy} onClick={() => void read()} data-testid="year-read">
          {W.read}
        </Button>
      </div>
    </div>
  );
}
