/**
 * A message kept short: its first line shown (a problem's headline: the rule broken and where, errors.ts
 * problemText), the other lines (the problem's details, the other rows a CSV was refused for) in a
 * disclosure under it. A native <details>: nothing to load, and the lines stay in the document for
 * the reader who opens it.
 */
import * as React from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  first: { overflowWrap: 'anywhere' },
  more: { marginTop: tokens.spacingVerticalXXS },
  summary: { cursor: 'pointer', color: tokens.colorBrandForeground1, width: 'fit-content' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, overflowWrap: 'anywhere', maxHeight: '160px', overflowY: 'auto' },
});

/** `text`'s first line, and the rest under a `more` disclosure (`more (+n)` for several lines). */
export function ShortMessage({ text, more, testId }: { text: string; more: string; testId?: string }): React.ReactElement {
  const styles = useStyles();
  const [first, ...rest] = text.split('\n').filter((l) => l.trim() !== '');
  return (
    <span data-testid={testId}>
      <span className={styles.first}>{first}</span>
      {rest.length > 0 ? (
        <details className={styles.more}>
          <summary className={styles.summary} data-testid={testId ? `${testId}-more` : undefined}>
            {rest.length > 1 ? `${more} (+${rest.length})` : more}
          </summary>
          <ul className={styles.list}>
            {rest.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </span>
  );
}
