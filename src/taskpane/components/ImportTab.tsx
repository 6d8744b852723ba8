/**
 * Entries CSV (pasted or uploaded) written into the forms' input cells; a call-centre log (CSV or xlsx)
 * imported into A01 / S01 / S02, with the import's report (what was imported per agent, skipped rows)
 * collapsed under its name; another supervisor's month workbook merged into this one (MergePanel).
 */
import * as React from 'react';
import { Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { Strings } from '../strings';
import type { FieldMessage } from './FormsTab';
import { UploadRow } from './FilePicker';
import { useLayout } from './layout';
import { ShortMessage } from './ShortMessage';
import { MergePanel, MergePanelProps } from './MergePanel';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace },
  summary: { cursor: 'pointer', color: tokens.colorBrandForeground1, width: 'fit-content' },
  report: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: '240px',
    overflowY: 'auto',
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
});

export interface ImportTabProps {
  S: Strings;
  busy: boolean;
  text: string;
  setText(v: string): void;
  message?: FieldMessage;
  onUpload(file: File): void;
  onWrite(): void;
  /** a call-centre log picked */
  onCallLog(file: File): void;
  /** the last call-log import's messages */
  callReport: string[] | null;
  /** "add another supervisor's workbook" (MergePanel): the host, the workbook's expected language, what follows a merge */
  merge?: Omit<MergePanelProps, 'S' | 'busy'>;
}

export function ImportTab(p: ImportTabProps): React.ReactElement {
  const { S } = p;
  const styles = useStyles();
  const layout = useLayout();
  return (
    <div className={layout.col}>
      <Field
        label={S.entries}
        hint={S.entriesHint}
        validationMessage={p.message ? <ShortMessage text={p.message.text} more={S.details} testId="entries-message" /> : undefined}
        validationState={p.message?.state ?? 'none'}
      >
        <Textarea
          className={styles.mono}
          value={p.text}
          onChange={(_, d) => p.setText(d.value)}
          placeholder={S.entriesPlaceholder}
          rows={8}
          resize="vertical"
          data-testid="entries-paste"
        />
      </Field>
      <UploadRow
        size="small"
        label={S.uploadCsv}
        accept=".csv,.txt,text/csv"
        disabled={p.busy}
        onFile={p.onUpload}
        testId="entries-upload"
        inputTestId="entries-file"
        action={{ label: S.writeEntries, onClick: p.onWrite, testId: 'import-entries', primary: true }}
      />
      <Field label={S.callLog} hint={S.callLogHint}>
        <UploadRow
          label={S.importCallLog}
          accept=".csv,.txt,.xlsx,text/csv"
          disabled={p.busy}
          onFile={p.onCallLog}
          testId="calls-upload"
          inputTestId="calls-file"
        />
      </Field>
      {/* the outcome is the MessageBar's; the report's lines (one per agent, skipped rows) open under it */}
      {p.callReport ? (
        <details data-testid="calls-report-details">
          <summary className={styles.summary}>{`${S.callsReport} (${p.callReport.length})`}</summary>
          <ul className={styles.report} data-testid="calls-report">
            {p.callReport.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {p.merge ? <MergePanel S={S} busy={p.busy} {...p.merge} /> : null}
    </div>
  );
}
