import * as React from 'react';
import { Button } from '@fluentui/react-components';
import { useLayout } from './layout';

export interface FilePickerProps {
  label: string;
  accept: string;
  disabled: boolean;
  onFile: (f: File) => void;
  /** data-testid of the button; the input gets `inputTestId` */
  testId: string;
  inputTestId: string;
  size?: 'small' | 'medium';
}

/**
 * A Fluent button that opens the browser's file dialog (a hidden `<input type="file">`) and hands the
 * chosen file to `onFile`; the input is cleared so the same file can be picked again.
 */
export function FilePicker(p: FilePickerProps): React.JSX.Element {
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

/**
 * A row of a file picker and, optionally, the button that acts on what was pasted or picked (read the
 * roster, write the entries). `onIntent`: the pointer or focus came near (to fetch code ahead).
 */
export function UploadRow(
  p: FilePickerProps & {
    action?: { label: string; onClick(): void; testId: string; primary?: boolean; size?: 'small' | 'medium' };
    onIntent?: () => void;
  },
): React.JSX.Element {
  const styles = useLayout();
  const { action, onIntent, ...picker } = p;
  return (
    <div className={styles.row} onPointerEnter={onIntent} onFocus={onIntent}>
      <FilePicker {...picker} />
      {action ? (
        <Button
          size={action.size}
          appearance={action.primary ? 'primary' : undefined}
          disabled={p.disabled}
          onClick={action.onClick}
          data-testid={action.testId}
        >
          {action.label}
        </Button>
      ) : null}
    </div>
  );
}
