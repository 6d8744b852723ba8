/**
 * The Record tab (D12): a supervisor records one event in seconds — agent (type-ahead over id and name),
 * item (the agent's kind's items, the workbook's most used first), count, date, evidence, who records —
 * and Enter writes it into the records sheet in one sync (office/records.ts `appendRecord`: Excel picks
 * the row after the last record, so co-recording supervisors never share a row). The pane's own records
 * are listed with Undo, which withdraws the record (status 撤销: it stays in the log and counts for
 * nothing) rather than clearing its row: a row found by its address may by then hold someone else's record,
 * and `setRecordStatus` checks the row in the same batch before anything is kept. "This agent's records"
 * lists every record of the chosen agent with its status, and sets disputed / upheld / withdrawn.
 * Chunk "tabs", with the Import and Results tabs.
 */
import * as React from 'react';
import { Badge, Button, Combobox, Field, Input, Option, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Agent } from '../../templates/model';
import type { RecordsSheet } from '../../office/host';
import { KpiRecord, RecordStatus, SUMMED_CODES, parseStatus, recordFault, rosterLookup } from '../../core/records';
import { findItem } from '../../core/rules';
import type { Strings } from '../strings';
import { useLayout } from './layout';

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground3 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  what: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  evidence: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  // the fields at their own heights (the date's hint would stretch the count's box to its height)
  pair: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  grow: { flexGrow: 1, flexBasis: '120px', minWidth: 0 },
  full: { width: '100%', minWidth: 0 },
  // a native <select> is as wide as its longest option (an item's full name): cut at the pane's width instead
  shrink: { minWidth: 0, textOverflow: 'ellipsis' },
});

/** A record this pane wrote, for its Undo. */
export interface PaneRecord {
  sheet: string;
  lang: 'zh' | 'en';
  row: number;
  record: KpiRecord;
}

export interface RecordTabProps {
  S: Strings;
  busy: boolean;
  /** the records sheet as last read, null before the first read (or when the workbook has none: `missing`) */
  data: RecordsSheet | null;
  missing: boolean;
  agents: Agent[] | null;
  /** reads the records sheet and the roster */
  onRead(): void;
  /** writes one record; resolves to whether it was written */
  onRecord(record: KpiRecord): Promise<boolean>;
  onSetStatus(row: number, record: KpiRecord, status: RecordStatus): void;
  /** what this pane recorded, newest first */
  recent: PaneRecord[];
  /** the agent chosen (kept by the pane: the results list opens this tab on an agent) */
  agentId: string | null;
  setAgentId(id: string | null): void;
  /** today, for the date's default */
  today: string;
}

const BY_KEY = 'kpi-forms.recordedBy';
const remembered = (): string => {
  try {
    return globalThis.localStorage?.getItem(BY_KEY) ?? '';
  } catch {
    return ''; // storage refused (private mode, policy): nothing remembered
  }
};
const remember = (by: string) => {
  try {
    globalThis.localStorage?.setItem(BY_KEY, by);
  } catch {
    /* not remembered: the field keeps it while the pane is open */
  }
};

/** The first and last day of `YYYY-MM`. */
function monthDays(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${String(last).padStart(2, '0')}`];
}

const itemName = (code: string, S: Strings) => {
  const it = findItem(code);
  return it ? (S.lang === 'zh' ? it.zh : it.en) : code;
};

export function RecordTab(p: RecordTabProps): React.ReactElement {
  const { S, data, agents } = p;
  const W = S.rec;
  const styles = useStyles();
  const layout = useLayout();
  const agentOf = React.useMemo(() => rosterLookup(agents ?? []), [agents]);
  const agent = p.agentId ? agentOf(p.agentId) : undefined;
  const month = data?.month ?? null;
  const inMonth = month !== null && p.today.startsWith(month);

  const [query, setQuery] = React.useState(() => (agent ? `${agent.id} ${agent.name}` : ''));
  const [code, setCode] = React.useState('');
  const [count, setCount] = React.useState('1');
  const [date, setDate] = React.useState(inMonth ? p.today : '');
  const [evidence, setEvidence] = React.useState('');
  const [by, setBy] = React.useState(remembered);
  const [error, setError] = React.useState<{ field: 'agent' | 'item' | 'count' | 'date'; text: string } | null>(null);

  // the first read when the tab opens
  React.useEffect(() => {
    if (!data && !p.missing) p.onRead();
    // once, on opening: a later read is the user's (Read again) or follows a change
  }, []);
  // the date's default follows the workbook's month once it is known
  React.useEffect(() => setDate(inMonth ? p.today : ''), [month]);
  // an agent chosen elsewhere (the results list) shows in the field, once the roster is read
  React.useEffect(() => {
    if (agent) setQuery(`${agent.id} ${agent.name}`);
  }, [p.agentId, agent?.id]);

  /** how often each code was recorded in this workbook: the item list puts the most used first */
  const used = React.useMemo(() => {
    const n = new Map<string, number>();
    for (const r of data?.rows ?? []) n.set(r.record.code.toUpperCase(), (n.get(r.record.code.toUpperCase()) ?? 0) + 1);
    return n;
  }, [data]);
  const items = React.useMemo(() => {
    if (!agent) return [];
    const codes = SUMMED_CODES[agent.role];
    return [...codes].sort((a, b) => (used.get(b) ?? 0) - (used.get(a) ?? 0) || codes.indexOf(a) - codes.indexOf(b));
  }, [agent, used]);
  // the most used item is the default; a code of the other kind is dropped when the agent changes
  React.useEffect(() => {
    if (!items.includes(code)) setCode(items[0] ?? '');
  }, [items]);

  const q = query.trim().toLowerCase();
  const matches = (agents ?? []).filter(
    (a) => !q || (agent && query === `${agent.id} ${agent.name}`) || a.id.toLowerCase().includes(q) || a.name.toLowerCase().includes(q),
  );
  const countLabel = code === 'B06' ? W.days : code === 'B13' ? W.points : W.count;
  const mine = agent && data ? data.rows.filter((r) => r.record.id.toUpperCase() === agent.id.toUpperCase()) : [];

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (p.busy) return;
    if (!agent) {
      setError({ field: 'agent', text: W.needAgent });
      return;
    }
    const n = Number(count.trim());
    const record: KpiRecord = {
      date: date.trim(),
      id: agent.id,
      code,
      count: count.trim() === '' || !Number.isFinite(n) ? count.trim() || null : n,
      evidence: evidence.trim(),
      by: by.trim(),
      status: '',
    };
    // the sheet's own checks, before anything is written (a flagged row would count for nothing)
    const fault = month ? recordFault(record, month, agentOf) : null;
    if (fault) {
      const field = fault === 'date' ? 'date' : fault === 'count' ? 'count' : fault === 'otherKind' ? 'item' : 'agent';
      setError({ field, text: W.fault[fault] });
      return;
    }
    setError(null);
    remember(record.by);
    if (await p.onRecord(record)) {
      // ready for the next one of the same agent and item
      setEvidence('');
      setCount('1');
    }
  };
  const errorOf = (field: 'agent' | 'item' | 'count' | 'date') =>
    error?.field === field ? { validationMessage: error.text, validationState: 'error' as const } : {};

  if (p.missing)
    return (
      <div className={layout.col}>
        <Text data-testid="record-no-sheet">{W.noSheet}</Text>
        <div>
          <Button disabled={p.busy} onClick={p.onRead} data-testid="record-read">
            {W.reload}
          </Button>
        </div>
      </div>
    );
  if (data && !agents?.length)
    return (
      <div className={layout.col}>
        <Text data-testid="record-no-agents">{W.noAgents}</Text>
      </div>
    );

  return (
    <div className={layout.col}>
      <form className={layout.col} onSubmit={(e) => void submit(e)} data-testid="record-form" noValidate>
        <Field label={W.agent} required {...errorOf('agent')}>
          <Combobox
            className={styles.full}
            value={query}
            placeholder={W.agentPlaceholder}
            selectedOptions={agent ? [agent.id] : []}
            onChange={(e) => {
              setQuery((e.target as HTMLInputElement).value);
              if (p.agentId) p.setAgentId(null);
            }}
            onOptionSelect={(_, d) => {
              p.setAgentId(d.optionValue ?? null);
              setQuery(d.optionText ?? '');
              setError(null);
            }}
            data-testid="record-agent"
          >
            {matches.map((a) => (
              <Option key={a.id} value={a.id} text={`${a.id} ${a.name}`} data-testid={`record-agent-${a.id}`}>
                {`${a.id} ${a.name}`}
              </Option>
            ))}
          </Combobox>
        </Field>
        <Field label={W.item} {...errorOf('item')}>
          <Select
            className={styles.full}
            select={{ className: styles.shrink }}
            value={code}
            onChange={(_, d) => setCode(d.value)}
            disabled={!agent}
            data-testid="record-item"
          >
            {items.map((c) => (
              <option key={c} value={c}>
                {`${c} ${itemName(c, S)}`}
              </option>
            ))}
          </Select>
        </Field>
        <div className={styles.pair}>
          <Field className={styles.grow} label={countLabel} {...errorOf('count')}>
            <Input
              // a number input is wider than half the pane by default: it takes its field's width
              className={styles.full}
              type="number"
              inputMode="decimal"
              min={0}
              step={code === 'B06' ? 0.5 : 1}
              value={count}
              onChange={(_, d) => setCount(d.value)}
              data-testid="record-count"
            />
          </Field>
          <Field className={styles.grow} label={W.date} hint={W.dateHint} {...errorOf('date')}>
            <Input
              className={styles.full}
              type="date"
              value={date}
              min={month ? monthDays(month)[0] : undefined}
              max={month ? monthDays(month)[1] : undefined}
              onChange={(_, d) => setDate(d.value)}
              data-testid="record-date"
            />
          </Field>
        </div>
        <Field label={W.evidence}>
          <Input value={evidence} onChange={(_, d) => setEvidence(d.value)} data-testid="record-evidence" />
        </Field>
        <Field label={W.by}>
          <Input value={by} onChange={(_, d) => setBy(d.value)} data-testid="record-by" />
        </Field>
        <div className={layout.row}>
          <Button type="submit" appearance="primary" disabled={p.busy || !data} data-testid="record-submit">
            {W.submit}
          </Button>
          <Text size={200} className={styles.note}>
            {W.submitHint}
          </Text>
        </div>
      </form>

      {p.recent.length > 0 ? (
        <section className={layout.col} aria-labelledby="kpi-record-recent">
          <Text as="h2" size={300} weight="semibold" id="kpi-record-recent">
            {W.recent}
          </Text>
          <ul className={styles.list} data-testid="record-recent">
            {p.recent.map((r) => {
              const now = data?.rows.find((x) => x.row === r.row && x.record.id === r.record.id)?.record.status ?? r.record.status;
              return (
                <li key={`${r.sheet}-${r.row}`} className={styles.item} data-testid={`recent-${r.row}`}>
                  <RecordText S={S} record={r.record} />
                  {parseStatus(now) === 'withdrawn' ? (
                    <Badge appearance="outline" color="informative">
                      {W.status.withdrawn}
                    </Badge>
                  ) : (
                    <Button
                      size="small"
                      disabled={p.busy}
                      onClick={() => p.onSetStatus(r.row, r.record, 'withdrawn')}
                      data-testid={`undo-${r.row}`}
                    >
                      {W.undo}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {agent ? (
        <section className={layout.col} aria-labelledby="kpi-record-agent">
          <Text as="h2" size={300} weight="semibold" id="kpi-record-agent">
            {`${W.agentRecords} · ${agent.id} ${agent.name}`}
          </Text>
          <Text size={200} className={styles.note}>
            {W.disputedNote}
          </Text>
          {mine.length === 0 ? (
            <Text data-testid="agent-no-records">{W.noRecords}</Text>
          ) : (
            <ul className={styles.list} data-testid="agent-records">
              {mine.map((r) => {
                const st = parseStatus(r.record.status);
                return (
                  <li key={r.row} className={styles.item} data-testid={`agent-record-${r.row}`} data-status={st ?? ''}>
                    <RecordText S={S} record={r.record} />
                    <Badge
                      appearance={st ? 'filled' : 'outline'}
                      color={st === 'disputed' ? 'warning' : st === 'withdrawn' ? 'informative' : 'success'}
                    >
                      {st === null ? r.record.status : W.status[st]}
                    </Badge>
                    <span className={styles.buttons}>
                      {(['disputed', 'upheld', 'withdrawn'] as const)
                        .filter((k) => k !== st)
                        .map((k) => (
                          <Button
                            key={k}
                            size="small"
                            appearance="subtle"
                            disabled={p.busy}
                            onClick={() => p.onSetStatus(r.row, r.record, k)}
                            data-testid={`set-${k}-${r.row}`}
                          >
                            {W.set[k]}
                          </Button>
                        ))}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}

/** One record in a line: date, code and item, count, then the evidence. */
function RecordText({ S, record: r }: { S: Strings; record: KpiRecord }) {
  const styles = useStyles();
  return (
    <span className={styles.what}>
      <Text size={200}>{`${r.date ? r.date.slice(5) + ' ' : ''}${r.id} ${r.code} ${itemName(r.code, S)} ×${r.count ?? ''}`}</Text>
      {r.evidence ? <span className={styles.evidence}>{` · ${r.evidence}`}</span> : null}
    </span>
  );
}
