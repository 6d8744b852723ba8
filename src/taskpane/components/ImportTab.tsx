/**
 * Entries CSV (pasted or uploaded) written into the forms' input cells; a call-centre log (CSV or xlsx)
 * imported into A01 / S01 / S02, with the import's report (what was imported per agent, skipped rows).
 */
import * as React from 'react';
import { Button, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { Strings } from '../strings';
import type { FieldMessage } from './FormsTab';
import { FilePicker } from './FilePicker';

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  report: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: '240px',
    overflowY: 'auto',
    fontSize: tokens.fontSizeBase200,
    wordBreak: 'break-word',
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
}

export function ImportTab(p: ImportTabProps): React.ReactElement {
  const { S } = p;
  const styles = useStyles();
  return (
    <div className={styles.col}>
      <Field label={S.entries} hint={S.entriesHint} validationMessage={p.message?.text} validationState={p.message?.state ?? 'none'}>
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
      <div className={styles.row}>
        <FilePicker
          size="small"
          label={S.uploadCsv}
          accept=".csv,.txt,text/csv"
          disabled={p.busy}
          onFile={p.onUpload}
          testId="entries-upload"
          inputTestId="entries-file"
        />
        <Button appearance="primary" disabled={p.busy} onClick={p.onWrite} data-testid="import-entries">
          {S.writeEntries}
        </Button>
      </div>
      <Field label={S.callLog} hint={S.callLogHint}>
        <div className={styles.row}>
          <FilePicker
            label={S.importCallLog}
            accept=".csv,.txt,.xlsx,text/csv"
            disabled={p.busy}
            onFile={p.onCallLog}
            testId="calls-upload"
            inputTestId="calls-file"
          />
        </div>
      </Field>
      {p.callReport ? (
        <Field label={S.callsReport}>
          <ul className={styles.report} data-testid="calls-report">
            {p.callReport.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </Field>
      ) : null}
    </div>
  );
}
