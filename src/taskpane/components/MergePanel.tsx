/**
 * "Add another supervisor's workbook" (issue 11, D16), on the Import tab: an uploaded month workbook (.xlsx) is
 * read in the browser (chunk "excel": xlsx-lite, its own chunk, and office/month-cells.ts) and merged into the open one by the host
 * (office/merge.ts: 2 syncs at 80 agents). The outcome is the MessageBar's; a conflict's message names both
 * workbooks and the cells (under "Details"), and the panel then offers the choice of the workbook that is right,
 * which merges again with it preferred. Afterwards the panel lists who was added, under the source workbook's name
 * (the roster's and the records' source column).
 * Chunk "tabs".
 */
import * as React from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Agent, WorkbookSpec } from '../../templates/model';
import type { KpiHost } from '../../office/host';
import type { MonthBook } from '../../core/merge';
import { Problem } from '../../core/problem';
import { excelChunk } from '../chunks';
import { useReporter } from '../reporter';
import type { Strings } from '../strings';
import { UploadRow } from './FilePicker';
import { useLayout } from './layout';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '200px', overflowY: 'auto', overflowWrap: 'anywhere' },
  // a long file name wraps rather than widen the pane
  choice: { maxWidth: '100%', whiteSpace: 'normal', textAlign: 'start', height: 'auto' },
});

export interface MergePanelProps {
  S: Strings;
  host: KpiHost;
  busy: boolean;
  /** the language the pane expects the workbook's sheets in (the forms it inserted, else its form language) */
  lang: 'zh' | 'en';
  /** the merged month was written: the pane's layout, month and results follow it */
  onMerged(spec: WorkbookSpec): void;
}

/** The open workbook's file name (Office's document URL), else how the pane names it. */
function documentName(fallback: string): string {
  const url = typeof Office !== 'undefined' ? String(Office.context?.document?.url ?? '') : '';
  const base = decodeURIComponent(url.split(/[\\/]/).pop() ?? '').replace(/[?#].*$/, '');
  return base || fallback;
}

export function MergePanel(p: MergePanelProps): React.ReactElement {
  const { S, host } = p;
  const W = S.merge;
  const styles = useStyles();
  const layout = useLayout();
  const { task, report, reportError } = useReporter();
  // the workbook read, kept while a conflict waits for the user's choice
  const [pending, setPending] = React.useState<{ book: MonthBook; thisName: string } | null>(null);
  const [done, setDone] = React.useState<{ file: string; added: Agent[] } | null>(null);

  const merge = (book: MonthBook, thisName: string, prefer?: 'this' | 'other') =>
    task(async (setProgress) => {
      setPending(null);
      setDone(null);
      setProgress({ label: (T) => T.progressWorking, value: 0.4 });
      try {
        const r = await host.mergeWorkbook!(book, { thisName, lang: p.lang, ...(prefer ? { prefer } : {}) });
        setDone({ file: r.files[1], added: r.added });
        p.onMerged(r.insert.spec);
        report('success', (T) => T.merge.mergeDone(r.files[1], r.added.length, r.agents, r.records));
      } catch (e) {
        // a conflict: said in the MessageBar (each one under "Details"); the choice waits here
        if (e instanceof Problem && e.code === 'merge.refusedPane') setPending({ book, thisName });
        throw e;
      }
    });

  const onFile = (file: File) =>
    void task(async (setProgress) => {
      setPending(null);
      setDone(null);
      setProgress({ label: (T) => T.merge.mergeReading(file.name), value: 0.15 });
      const { readMonthFile } = await excelChunk.load();
      return readMonthFile(file);
    }).then((book) => book && merge(book, documentName(W.thisWorkbook)), reportError);

  return (
    <section className={styles.section} data-testid="merge-panel">
      <Text weight="semibold">{W.title}</Text>
      <Text className={styles.note}>{W.hint}</Text>
      <UploadRow
        label={W.add}
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={p.busy || !host.mergeWorkbook}
        onFile={onFile}
        onIntent={excelChunk.preload}
        testId="merge-upload"
        inputTestId="merge-file"
      />
      {pending ? (
        <div className={styles.section} data-testid="merge-choice">
          <Text>{W.conflict}</Text>
          <div className={layout.row}>
            {(
              [
                ['this', pending.thisName],
                ['other', pending.book.file],
              ] as const
            ).map(([side, name]) => (
              <Button
                key={side}
                size="small"
                className={styles.choice}
                disabled={p.busy}
                onClick={() => void merge(pending.book, pending.thisName, side)}
                data-testid={`merge-prefer-${side}`}
              >
                {W.mergePrefer(name)}
              </Button>
            ))}
          </div>
        </div>
      ) : null}
      {done ? (
        done.added.length ? (
          <details open data-testid="merge-added">
            <summary>{`${W.mergeAdded(done.file)} (${done.added.length})`}</summary>
            <ul className={styles.list}>
              {done.added.map((a) => (
                <li key={a.id}>{`${a.id} ${a.name}`}</li>
              ))}
            </ul>
          </details>
        ) : (
          <Text className={styles.note} data-testid="merge-added">
            {W.noneAdded}
          </Text>
        )
      ) : null}
    </section>
  );
}
