import * as React from 'react';
import { Button } from '@fluentui/react-components';

/**
 * A Fluent button that opens the browser's file dialog (a hidden `<input type="file">`) and hands the
 * chosen file to `onFile`; the input is cleared so the same file can be picked again.
 */
export function FilePicker(p: {
  label: string;
  accept: string;
  disabled: boolean;
  onFile: (f: File) => void;
  /** data-testid of the button; the input gets `inputTestId` */
  testId: string;
  inputTestId: string;
  size?: 'small' | 'medium';
}): React.JSX.Element {
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <>
      <Button size={p.size} disabled={p.disabled} onClick={() => input.current?.click()} data-testid={p.testId}>
        {p.label}
      </Button>
      <input
        ref={input}
        type="file"
        accept={p.accept}
        style={{ display: 'none' }}
        data-testid={p.inputTestId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) p.onFile(f);
        }}
      />
    </>
  );
}
