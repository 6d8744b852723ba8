/**
 * The pane's one path for outcomes: `reportError(e)` for every failure, `report(...)` for results,
 * and `task(fn)` to run work with progress and have any throw land in `reportError`. One message
 * shows at a time (the latest), in the MessageBar of `MessageArea`.
 */
import * as React from 'react';
import type { Strings } from './strings';

export type Intent = 'error' | 'warning' | 'success' | 'info';

/** A message; text is made in the current language when shown, so switching language re-words it. */
export type Message =
  | { id: number; intent: 'error'; error: unknown }
  | { id: number; intent: Exclude<Intent, 'error'>; text: (S: Strings) => string; title?: (S: Strings) => string };

export interface Progress {
  label: (S: Strings) => string;
  /** 0..1, or undefined for indeterminate */
  value?: number;
}

export interface Reporter {
  message: Message | null;
  progress: Progress | null;
  /** every failure goes here */
  reportError(e: unknown): void;
  report(intent: Exclude<Intent, 'error'>, text: (S: Strings) => string, title?: (S: Strings) => string): void;
  clear(): void;
  /**
   * Runs `fn` with a progress callback, one at a time; a throw is reported (never rethrown).
   * @returns fn's result, or undefined when it failed or another task was running
   */
  task<T>(fn: (progress: (p: Progress) => void) => Promise<T>): Promise<T | undefined>;
}

const Ctx = React.createContext<Reporter | null>(null);

/** Provides the reporter to the pane. */
export function ReporterProvider({ children }: { children: React.ReactNode }): React.ReactElement {
  const [message, setMessage] = React.useState<Message | null>(null);
  const [progress, setProgress] = React.useState<Progress | null>(null);
  const running = React.useRef(false);
  const seq = React.useRef(0);
  const value = React.useMemo<Reporter>(() => {
    const reportError = (error: unknown) => {
      if (typeof console !== 'undefined') console.error(error);
      setMessage({ id: ++seq.current, intent: 'error', error });
    };
    return {
      message,
      progress,
      reportError,
      report: (intent, text, title) => setMessage({ id: ++seq.current, intent, text, title }),
      clear: () => setMessage(null),
      task: async (fn) => {
        if (running.current) return undefined;
        running.current = true;
        setMessage(null);
        setProgress({ label: (S) => S.progressWorking });
        try {
          return await fn((p) => setProgress(p));
        } catch (e) {
          reportError(e);
          return undefined;
        } finally {
          running.current = false;
          setProgress(null);
        }
      },
    };
  }, [message, progress]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The reporter of the enclosing ReporterProvider. */
export function useReporter(): Reporter {
  const r = React.useContext(Ctx);
  if (!r) throw new Error('useReporter outside ReporterProvider');
  return r;
}
