/**
 * The results read from the summary, as a list that fits a task pane from 320 px wide: per kind (pre-sales,
 * after-sales, each ranked on its own) in rank order, one compact card per agent (rank, name, id, total,
 * pay, flags as badges) with a jump to the agent's form. A red line (D9) is a red card with a filled red
 * badge; last two (D8) an orange edge with an orange badge; incomplete input (D11) an outlined badge.
 */
import * as React from 'react';
import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  ArrowSwap16Regular,
  ArrowTrendingDown16Filled,
  CircleHalfFill12Regular,
  ErrorCircle12Filled,
  Trophy16Filled,
} from '@fluentui/react-icons';
import type { BadgeProps } from '@fluentui/react-components';
import { useLayout } from './layout';
import type { SummaryRow } from '../../office/writer';
import type { Strings } from '../strings';
import { ResultFlag, byRank, flagsOf } from './result-flags';

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground3 },
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  red: { backgroundColor: tokens.colorPaletteRedBackground1, borderLeftColor: tokens.colorPaletteRedBorder2 },
  lastTwo: { borderLeftColor: tokens.colorPaletteDarkOrangeBorder2 },
  rank: {
    flexShrink: 0,
    minWidth: '28px',
    height: '28px',
    boxSizing: 'border-box',
    padding: `0 ${tokens.spacingHorizontalXXS}`,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
  },
  main: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  who: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS, overflowWrap: 'anywhere' },
  id: { color: tokens.colorNeutralForeground3 },
  figures: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    fontVariantNumeric: 'tabular-nums',
  },
  value: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  badge: { whiteSpace: 'normal', height: 'auto', minHeight: '20px' },
  open: { flexShrink: 0, minWidth: 'auto' },
  actions: { flexShrink: 0, display: 'flex', flexDirection: 'column', alignItems: 'stretch' },
});

/** Each flag as a badge: colour, fill and icon set a red line apart from last two at a glance. */
const BADGE: Record<ResultFlag, { color: BadgeProps['color']; appearance: BadgeProps['appearance']; icon: React.ReactElement }> = {
  redLine: { color: 'danger', appearance: 'filled', icon: <ErrorCircle12Filled /> },
  lastTwo: { color: 'warning', appearance: 'tint', icon: <ArrowTrendingDown16Filled /> },
  incomplete: { color: 'informative', appearance: 'outline', icon: <CircleHalfFill12Regular /> },
  award: { color: 'success', appearance: 'tint', icon: <Trophy16Filled /> },
  transfer: { color: 'severe', appearance: 'tint', icon: <ArrowSwap16Regular /> },
};

const fmt2 = (v: number | string | null, S: Strings) =>
  v === null ? '—' : typeof v === 'number' ? v.toFixed(2) : v.startsWith('#') ? v : S.incomplete;

export interface ResultsTabProps {
  S: Strings;
  busy: boolean;
  rows: SummaryRow[] | null;
  onRead(): void;
  onOpen(row: SummaryRow): void;
  /** opens the Record tab on this agent's records */
  onRecords?(row: SummaryRow): void;
}

export function ResultsTab({ S, busy, rows, onRead, onOpen, onRecords }: ResultsTabProps): React.ReactElement {
  const styles = useStyles();
  const layout = useLayout();
  const groups = rows
    ? (
        [
          ['pre-sales', S.preSales],
          ['after-sales', S.afterSales],
        ] as const
      )
        .map(([role, label]) => [role, label, byRank(rows.filter((r) => r.role === role))] as const)
        .filter(([, , list]) => list.length > 0)
    : [];
  return (
    <div className={layout.col}>
      <div>
        <Button appearance="primary" disabled={busy} onClick={onRead} data-testid="read-results">
          {S.readResults}
        </Button>
      </div>
      <Text size={200} className={styles.note}>
        {S.resultsHint}
      </Text>
      {!rows || rows.length === 0 ? (
        <Text data-testid="no-results">{S.noResults}</Text>
      ) : (
        <div className={layout.col} data-testid="results-list">
          {groups.map(([role, label, list]) => (
            <section key={role} className={styles.section} aria-labelledby={`kpi-results-${role}`}>
              <Text as="h2" size={300} weight="semibold" id={`kpi-results-${role}`}>
                {S.resultsOf(label, list.length)}
              </Text>
              <ol className={styles.list} data-testid={`results-${role}`}>
                {list.map((r) => (
                  <ResultItem key={r.id} row={r} S={S} busy={busy} onOpen={onOpen} onRecords={onRecords} />
                ))}
              </ol>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}

function ResultItem({
  row: r,
  S,
  busy,
  onOpen,
  onRecords,
}: {
  row: SummaryRow;
  S: Strings;
  busy: boolean;
  onOpen(row: SummaryRow): void;
  onRecords?(row: SummaryRow): void;
}) {
  const styles = useStyles();
  const flags = flagsOf(r);
  const rank = r.rank === null || r.rank === '' ? '—' : String(r.rank);
  return (
    <li
      className={mergeClasses(styles.item, flags.includes('redLine') ? styles.red : flags.includes('lastTwo') ? styles.lastTwo : undefined)}
      data-testid={`result-${r.id}`}
      data-flags={flags.join(' ')}
    >
      <span className={styles.rank} data-testid={`rank-${r.id}`} title={S.colRank} aria-label={`${S.colRank} ${rank}`}>
        {rank}
      </span>
      <div className={styles.main}>
        <div className={styles.who}>
          <Text weight="semibold">{r.name}</Text>
          <Text size={200} className={styles.id}>
            {r.id}
          </Text>
        </div>
        <div className={styles.figures}>
          <span>
            {S.colTotal}{' '}
            <span className={styles.value} data-testid={`total-${r.id}`}>
              {fmt2(r.total, S)}
            </span>
          </span>
          <span>
            {S.colPay}{' '}
            <span className={styles.value} data-testid={`pay-${r.id}`}>
              {fmt2(r.pay, S)}
            </span>
          </span>
        </div>
        {flags.length > 0 ? (
          <div className={styles.badges} data-testid={`flags-${r.id}`}>
            {flags.map((f) => (
              <Badge key={f} className={styles.badge} shape="rounded" {...BADGE[f]} data-flag={f}>
                {S.flag[f]}
              </Badge>
            ))}
          </div>
        ) : null}
      </div>
      <div className={styles.actions}>
        <Button
          className={styles.open}
          size="small"
          appearance="subtle"
          disabled={busy}
          onClick={() => onOpen(r)}
          data-testid={`open-${r.id}`}
        >
          {S.openForm}
        </Button>
        {onRecords ? (
          <Button
            className={styles.open}
            size="small"
            appearance="subtle"
            disabled={busy}
            onClick={() => onRecords(r)}
            data-testid={`records-${r.id}`}
          >
            {S.rec.fromResults}
          </Button>
        ) : null}
      </div>
    </li>
  );
}
