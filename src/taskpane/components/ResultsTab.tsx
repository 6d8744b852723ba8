/** The results read from the summary: rank, total, pay, flags per agent, and a jump to each form. */
import * as React from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useLayout } from './layout';
import type { SummaryRow } from '../../office/writer';
import type { Strings } from '../strings';

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground3 },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    position: 'sticky',
    top: 0,
  },
  td: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  flag: { color: tokens.colorPaletteRedForeground1 },
  scroll: { overflowX: 'auto', maxHeight: '420px', overflowY: 'auto' },
});

const fmt2 = (v: number | string | null, S: Strings) =>
  v === null ? '—' : typeof v === 'number' ? v.toFixed(2) : v === 'incomplete' ? S.incomplete : v;

export interface ResultsTabProps {
  S: Strings;
  busy: boolean;
  rows: SummaryRow[] | null;
  onRead(): void;
  onOpen(row: SummaryRow): void;
}

export function ResultsTab({ S, busy, rows, onRead, onOpen }: ResultsTabProps): React.ReactElement {
  const styles = useStyles();
  const layout = useLayout();
  const groups: Array<[string, SummaryRow[]]> = rows
    ? [
        [S.preSales, rows.filter((r) => r.role === 'pre-sales')],
        [S.afterSales, rows.filter((r) => r.role === 'after-sales')],
      ]
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
        <div className={styles.scroll}>
          <table className={styles.table} data-testid="results-table">
            <thead>
              <tr>
                {[S.colId, S.colName, S.colRole, S.colTotal, S.colRank, S.colPay, S.colFlags, ''].map((h, i) => (
                  <th key={i} className={styles.th} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.flatMap(([role, list]) =>
                list.map((r) => (
                  <tr key={r.id} data-testid={`result-${r.id}`}>
                    <td className={styles.td}>{r.id}</td>
                    <td className={styles.td}>{r.name}</td>
                    <td className={styles.td}>{role}</td>
                    <td className={`${styles.td} ${styles.num}`} data-testid={`total-${r.id}`}>
                      {fmt2(r.total, S)}
                    </td>
                    <td className={`${styles.td} ${styles.num}`} data-testid={`rank-${r.id}`}>
                      {r.rank === null ? '—' : String(r.rank)}
                    </td>
                    <td className={`${styles.td} ${styles.num}`} data-testid={`pay-${r.id}`}>
                      {fmt2(r.pay, S)}
                    </td>
                    <td className={`${styles.td} ${styles.flag}`} data-testid={`flags-${r.id}`}>
                      {r.flags}
                    </td>
                    <td className={styles.td}>
                      <Button size="small" appearance="subtle" disabled={busy} onClick={() => onOpen(r)} data-testid={`open-${r.id}`}>
                        {S.openForm}
                      </Button>
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
