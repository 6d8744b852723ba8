/** @jest-environment jsdom */
/**
 * The pane keeps messages short (issue 8): a problem's headline is what shows, its details (the rule's text,
 * what to do) and the other rows of its file are under "Details"; the call-log import's report is a list
 * collapsed under its name, the outcome being the MessageBar's.
 */
import '@testing-library/jest-dom';
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { Problem } from '../../src/core/problem';
import { INPUT } from '../../src/io/messages';
import { problemText } from '../../src/taskpane/errors';
import { ShortMessage } from '../../src/taskpane/components/ShortMessage';
import { ImportTab } from '../../src/taskpane/components/ImportTab';
import { STRINGS } from '../../src/taskpane/strings';

const wrap = (el: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{el}</FluentProvider>);

test('a problem on a field: its headline shown, its details and the other rows under Details (closed)', () => {
  const p = Problem.ofAll([
    new Problem(INPUT.emptyId, { atFile: '粘贴的花名册', atRow: 3 }),
    new Problem(INPUT.unknownCode, { atFile: '粘贴的花名册', atRow: 4, code: 'Z99' }),
  ])!;
  const text = problemText(p, 'zh');
  // headline, its details, then the other problem in full
  expect(text.split('\n')).toEqual([
    '粘贴的花名册 第 3 行:工号为空',
    '每名专员都需要唯一的工号',
    '粘贴的花名册 第 4 行:代码 "Z99" 不是 forms.md 中的项目代码(A01–A11、AR1、AR2、B01–B13、EX、S01–S06、SP1、SN1)',
  ]);
  wrap(<ShortMessage text={text} more={STRINGS.zh.details} testId="m" />);
  const m = screen.getByTestId('m');
  expect(m.firstElementChild).toHaveTextContent(/^粘贴的花名册 第 3 行:工号为空$/);
  expect(m.querySelector('details')).not.toHaveAttribute('open');
  expect(
    within(m)
      .getAllByRole('listitem', { hidden: true })
      .map((li) => li.textContent),
  ).toEqual(['每名专员都需要唯一的工号', expect.stringMatching(/第 4 行/)]);
  expect(screen.getByTestId('m-more')).toHaveTextContent(`${STRINGS.zh.details} (+2)`);
});

test('one problem with details: "Details" without a count; a problem without details: no disclosure', () => {
  const { unmount } = wrap(
    <ShortMessage text={problemText(new Problem(INPUT.emptyId, { atFile: 'e.csv', atRow: 2 }), 'en')} more="Details" testId="m" />,
  );
  expect(screen.getByTestId('m').firstElementChild).toHaveTextContent(/^e\.csv row 2: employee_id is empty$/);
  expect(screen.getByTestId('m-more')).toHaveTextContent(/^Details$/);
  unmount();
  wrap(<ShortMessage text={problemText(new Problem(INPUT.noSuchFile, { file: 'e.csv' }), 'en')} more="Details" testId="m" />);
  expect(screen.getByTestId('m')).toHaveTextContent(/^e\.csv: no such file$/);
  expect(screen.queryByTestId('m-more')).toBeNull();
});

test('the call-log report: a list collapsed under its name, with the count of its lines', () => {
  const S = STRINGS.zh;
  wrap(
    <ImportTab
      S={S}
      busy={false}
      text=""
      setText={() => undefined}
      onUpload={() => undefined}
      onWrite={() => undefined}
      onCallLog={() => undefined}
      callReport={['2015-01:本月 3 通来电;跳过其他月份的 0 行。', '跳过 1 行,专员为空:第 4 行。']}
    />,
  );
  const details = screen.getByTestId('calls-report-details');
  expect(details.tagName).toBe('DETAILS');
  expect(details).not.toHaveAttribute('open');
  expect(details.querySelector('summary')).toHaveTextContent(`${S.callsReport} (2)`);
  expect(within(screen.getByTestId('calls-report')).getAllByRole('listitem', { hidden: true })).toHaveLength(2);
});
