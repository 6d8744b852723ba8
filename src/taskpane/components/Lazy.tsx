/** A piece of the pane whose code is an on-demand chunk (chunks.ts), e.g. the Import and Results tabs. */
import * as React from 'react';
import { Button, Spinner } from '@fluentui/react-components';
import type { Chunk } from '../chunks';
import { useReporter } from '../reporter';
import type { Strings } from '../strings';

/**
 * Renders `children(module)` at once when the chunk is there, else a Spinner while it loads. A failed
 * load goes to the pane's one error channel (pane.chunkFailed, worded in its language) and leaves a
 * "Try again" button in the piece's place.
 */
export function Lazy<M>({
  chunk,
  S,
  children,
}: {
  chunk: Chunk<M>;
  S: Strings;
  children: (m: M) => React.ReactElement;
}): React.ReactElement {
  const { reportError } = useReporter();
  const report = React.useRef(reportError);
  report.current = reportError;
  const [, setLoaded] = React.useState(0);
  const [failed, setFailed] = React.useState(false);
  const mod = chunk.current();
  React.useEffect(() => {
    if (mod || failed) return;
    let live = true;
    chunk.load().then(
      () => live && setLoaded((n) => n + 1),
      (e: unknown) => {
        if (!live) return;
        setFailed(true);
        report.current(e);
      },
    );
    return () => {
      live = false;
    };
  }, [chunk, mod, failed]);
  if (mod) return children(mod);
  if (failed) {
    return (
      <div>
        <Button onClick={() => setFailed(false)} data-testid="lazy-retry">
          {S.tryAgain}
        </Button>
      </div>
    );
  }
  return <Spinner size="small" label={S.loading} data-testid="loading" />;
}
