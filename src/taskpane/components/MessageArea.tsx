/**
 * The one MessageBar of the pane (data-testid `message-bar`) and the progress bar. A message stays short:
 * its title, its first line (a problem's headline, errors.ts problemText) and what to do; its other lines
 * (the problem's details, more rows of a refused CSV, notes of an insertion) and any technical details open
 * under "Details".
 */
import * as React from 'react';
import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { describeError } from '../errors';
import { useReporter } from '../reporter';
import type { Strings } from '../strings';

const useStyles = makeStyles({
  area: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  more: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingInlineStart: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
  action: { display: 'block', marginTop: tokens.spacingVerticalXS },
  // a small button keeps a 64 px minimum width: too much of a 320 px pane for "×"
  dismiss: { minWidth: 'auto' },
  details: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase100,
    maxHeight: '180px',
    overflowY: 'auto',
    marginTop: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalXS,
  },
});

/** Shows the latest message (error with what to do and a details disclosure) and the progress of a task. */
export function MessageArea({ S }: { S: Strings }): React.ReactElement | null {
  const { message, progress, clear } = useReporter();
  const styles = useStyles();
  const [open, setOpen] = React.useState(false);
  React.useEffect(() => setOpen(false), [message?.id]);
  let bar: React.ReactElement | null = null;
  if (message) {
    const p =
      message.intent === 'error'
        ? describeError(message.error, S)
        : { title: message.title?.(S) ?? '', text: message.text(S), action: '', details: undefined };
    const [first, ...rest] = p.text.split('\n').filter((l) => l.trim() !== '');
    const expandable = rest.length > 0 || !!p.details;
    bar = (
      <MessageBar
        key={message.id}
        intent={message.intent}
        layout="multiline"
        data-testid="message-bar"
        role={message.intent === 'error' ? 'alert' : 'status'}
      >
        <MessageBarBody>
          {p.title ? <MessageBarTitle>{p.title}</MessageBarTitle> : null}
          <span className={styles.text} data-testid="message-text">
            {first}
          </span>
          {p.action ? (
            <span className={styles.action} data-testid="message-action">
              <b>{S.whatToDo}</b> {p.action}
            </span>
          ) : null}
          {/* kept in the document while closed, as a disclosure's content is */}
          {rest.length > 0 ? (
            <ul className={styles.more} hidden={!open} data-testid="message-more">
              {rest.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          ) : null}
          {open && p.details ? (
            <pre className={styles.details} data-testid="message-details">
              {p.details}
            </pre>
          ) : null}
        </MessageBarBody>
        <MessageBarActions
          containerAction={
            <Button className={styles.dismiss} appearance="transparent" size="small" aria-label={S.dismiss} onClick={clear}>
              ×
            </Button>
          }
        >
          {expandable ? (
            <Button size="small" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="message-details-toggle">
              {open ? S.hideDetails : S.details}
            </Button>
          ) : null}
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (!bar && !progress) return null;
  return (
    <div className={styles.area}>
      {progress ? (
        <Field validationMessage={progress.label(S)} validationState="none" data-testid="progress">
          <ProgressBar value={progress.value} />
        </Field>
      ) : null}
      {bar}
    </div>
  );
}
