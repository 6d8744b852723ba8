/**
 * The Insert tab: the primary action first (the whole workbook), then what it uses — the month (the one
 * that just ended, by default), the roster (paste, upload, or the workbook's roster sheet), the agents —
 * then, collapsed, the buttons that insert one sheet alone and the options. Fits a pane from 320 px.
 */
import * as React from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  Label,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Agent, SheetKey } from '../../templates/model';
import type { OnConflict } from '../../office/writer';
import type { Strings, UiLang } from '../strings';
import { INSERT_BUTTONS } from '../../templates/catalog';
import { UploadRow } from './FilePicker';
import { useLayout } from './layout';
import { ShortMessage } from './ShortMessage';

const useStyles = makeStyles({
  agents: {
    maxHeight: '180px',
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalXS,
  },
  note: { color: tokens.colorNeutralForeground3 },
  group: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  error: { color: tokens.colorPaletteRedForeground1 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  primary: { width: '100%' },
  // a native disclosure: Fluent's Accordion would add to the pane's first download
  section: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
  },
  summary: {
    cursor: 'pointer',
    fontWeight: tokens.fontWeightSemibold,
    paddingBottom: tokens.spacingVerticalS,
    overflowWrap: 'anywhere',
  },
  agentLabel: { overflowWrap: 'anywhere' },
});

export interface FieldMessage {
  state: 'error' | 'success' | 'none';
  text: string;
}

export interface FormsTabProps {
  S: Strings;
  busy: boolean;
  canInsert: boolean;
  month: string;
  setMonth(v: string): void;
  monthError?: string;
  rosterText: string;
  setRosterText(v: string): void;
  rosterMessage?: FieldMessage;
  /** the roster's parser (chunk `records`) is still loading */
  rosterLoading?: boolean;
  /** the pointer or the focus is on the roster field or its buttons: its code may start loading */
  onRosterIntent?(): void;
  /** the same on an insert button */
  onInsertIntent?(): void;
  onUpload(file: File): void;
  onReadRoster(): void;
  agents: Agent[] | null;
  selected: Set<string> | null;
  setSelected(s: Set<string> | null): void;
  agentsError?: string;
  mode: 'kpi' | 'plain';
  setMode(m: 'kpi' | 'plain'): void;
  formLang: UiLang;
  setFormLang(l: UiLang): void;
  onConflict: OnConflict;
  setOnConflict(c: OnConflict): void;
  onInsert(sheets: SheetKey[] | undefined): void;
}

export function FormsTab(p: FormsTabProps): React.ReactElement {
  const { S } = p;
  const styles = useStyles();
  const layout = useLayout();
  const agents = p.agents ?? [];
  const isOn = (id: string) => p.selected === null || p.selected.has(id);
  const count = agents.filter((a) => isOn(a.id)).length;
  const toggle = (id: string, on: boolean) => {
    const s = new Set(p.selected ?? agents.map((a) => a.id));
    if (on) s.add(id);
    else s.delete(id);
    p.setSelected(s.size === agents.length ? null : s);
  };
  const disabled = p.busy || !p.canInsert;
  const insertButton = (testId: string, label: string, sheets: SheetKey[] | undefined, primary = false) => (
    <Button
      key={testId}
      data-testid={testId}
      appearance={primary ? 'primary' : 'secondary'}
      size={primary ? 'large' : 'medium'}
      className={primary ? styles.primary : undefined}
      disabled={disabled}
      onClick={() => p.onInsert(sheets)}
      onPointerEnter={p.onInsertIntent}
      onFocus={p.onInsertIntent}
    >
      {label}
    </Button>
  );
  return (
    <div className={layout.col}>
      {insertButton('insert-all', S.insertAll, undefined, true)}
      <Field label={S.month} hint={S.monthHint} validationMessage={p.monthError} validationState={p.monthError ? 'error' : 'none'} required>
        <Input value={p.month} onChange={(_, d) => p.setMonth(d.value)} placeholder="2024-03" data-testid="month" />
      </Field>

      <Field
        label={S.roster}
        hint={S.rosterHint}
        validationMessage={
          p.rosterMessage ? <ShortMessage text={p.rosterMessage.text} more={S.details} testId="roster-message" /> : undefined
        }
        validationState={p.rosterMessage?.state ?? 'none'}
        data-testid="roster-field"
      >
        <Textarea
          className={styles.mono}
          value={p.rosterText}
          onChange={(_, d) => p.setRosterText(d.value)}
          placeholder={S.rosterPlaceholder}
          resize="vertical"
          rows={5}
          data-testid="roster-paste"
          onPointerEnter={p.onRosterIntent}
          onFocus={p.onRosterIntent}
        />
      </Field>
      {p.rosterLoading ? <Spinner size="extra-tiny" labelPosition="after" label={S.loading} data-testid="roster-loading" /> : null}
      <UploadRow
        size="small"
        label={S.uploadRoster}
        accept=".csv,.txt,text/csv,.xlsx"
        disabled={p.busy}
        onFile={p.onUpload}
        testId="roster-upload"
        inputTestId="roster-file"
        action={{ label: S.readRoster, onClick: p.onReadRoster, testId: 'roster-read', size: 'small' }}
        onIntent={p.onRosterIntent}
      />

      {agents.length > 0 ? (
        // not a Field: a Field gives its one id to every control inside it
        <div role="group" aria-labelledby="kpi-agents-label" className={styles.group}>
          <Label id="kpi-agents-label" weight="semibold">{`${S.agents} (${count}/${agents.length})`}</Label>
          <div className={styles.agents} data-testid="agent-list">
            <Checkbox
              label={S.allAgents(agents.length)}
              checked={count === agents.length ? true : count === 0 ? false : 'mixed'}
              onChange={(_, d) => p.setSelected(d.checked === true ? null : new Set())}
              data-testid="agent-all"
            />
            {agents.map((a) => (
              <Checkbox
                key={a.id}
                label={{
                  className: styles.agentLabel,
                  children: `${a.id} ${a.name} · ${a.role === 'pre-sales' ? S.preSales : S.afterSales}${a.group ? ` · ${a.group}` : ''}`,
                }}
                checked={isOn(a.id)}
                onChange={(_, d) => toggle(a.id, d.checked === true)}
                data-testid={`agent-${a.id}`}
              />
            ))}
          </div>
          <Text size={200} className={styles.note} data-testid="chosen-hint">
            {S.chosenHint}
          </Text>
          {p.agentsError ? (
            <Text role="alert" className={styles.error}>
              {p.agentsError}
            </Text>
          ) : null}
        </div>
      ) : null}

      <details className={styles.section} data-testid="insert-one">
        <summary className={styles.summary}>{S.insertOne}</summary>
        <div className={layout.col}>
          <div className={layout.row}>{INSERT_BUTTONS.map((key) => insertButton(`insert-${key}`, S.insertSheet[key], [key]))}</div>
          <Text size={200} className={styles.note}>
            {S.summaryNeeds}
          </Text>
        </div>
      </details>
      <details className={styles.section} data-testid="options">
        <summary className={styles.summary}>{S.options}</summary>
        <div className={layout.col}>
          <Field label={S.formulas}>
            <RadioGroup value={p.mode} onChange={(_, d) => p.setMode(d.value as 'kpi' | 'plain')} data-testid="mode">
              <Radio value="kpi" label={S.modeKpi} data-testid="mode-kpi" />
              <Radio value="plain" label={S.modePlain} data-testid="mode-plain" />
            </RadioGroup>
          </Field>
          <Field label={S.formLang}>
            <RadioGroup layout="horizontal" value={p.formLang} onChange={(_, d) => p.setFormLang(d.value as UiLang)}>
              <Radio value="zh" label="中文" />
              <Radio value="en" label="English" />
            </RadioGroup>
          </Field>
          <Field label={S.onConflict}>
            <RadioGroup value={p.onConflict} onChange={(_, d) => p.setOnConflict(d.value as OnConflict)} data-testid="on-conflict">
              <Radio value="reuse" label={S.conflictReuse} />
              <Radio value="rename" label={S.conflictRename} />
              <Radio value="replace" label={S.conflictReplace} />
              <Radio value="cancel" label={S.conflictCancel} />
            </RadioGroup>
          </Field>
        </div>
      </details>
    </div>
  );
}
