/** Entries CSV (pasted or uploaded) written into the forms' input cells; the call-log note. */
import * as React from 'react';
import { Button, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { Strings } from '../strings';
import type { FieldMessage } from './FormsTab';

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  note: { color: tokens.colorNeutralForeground3 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

export interface ImportTabProps {
  S: Strings;
  busy: boolean;
  text: string;
  setText(v: string): void;
  message?: FieldMessage;
  onUpload(file: File): void;
  onWrite(): void;
}

export function ImportTab(p: ImportTabProps): React.ReactElement {
  const { S } = p;
  const styles = useStyles();
  const file = React.useRef<HTMLInputElement>(null);
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
      <Text size={200} className={styles.note} data-testid="call-log-note">
        {S.callLogNote}
      </Text>
    </div>
  );
}
