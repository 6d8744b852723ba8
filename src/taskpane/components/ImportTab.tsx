/**
 * Entries CSV (pasted or uploaded) written into the forms' input cells; a call-centre log (CSV or xlsx)
 * imported into A01 / S01 / S02, with the import's report (what was imported per agent, skipped rows).
 */
import * as React from 'react';
import { Button, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { Strings } from '../strings';
import type { FieldMessage } from './FormsTab';

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
  const file = React.useRef<HTMLInputElement>(null);
  const log = React.useRef<HTMLInputElement>(null);
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
        <Button size="small" disabled={p.busy} onClick={() => file.current?.click()} data-testid="entries-upload">
          {S.uploadCsv}
        </Button>
        <input
          ref={file}
          type="file"
          accept=".csv,.txt,text/csv"
          style={{ display: 'none' }}
          data-testid="entries-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) p.onUpload(f);
          }}
        />
        <Button appearance="primary" disabled={p.busy} onClick={p.onWrite} data-testid="import-entries">
          {S.writeEntries}
        </Button>
      </div>
      <Field label={S.callLog} hint={S.callLogHint}>
        <div className={styles.row}>
          <Button disabled={p.busy} onClick={() => log.current?.click()} data-testid="calls-upload">
            {S.importCallLog}
          </Button>
        </div>
      </Field>
      <input
        ref={log}
        type="file"
        accept=".csv,.txt,.xlsx,text/csv"
        style={{ display: 'none' }}
        data-testid="calls-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) p.onCallLog(f);
        }}
      />
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
