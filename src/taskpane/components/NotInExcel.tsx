/** What the pane shows outside Excel (no Office.js, or another host): open it in Excel. */
import * as React from 'react';
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, webLightTheme } from '@fluentui/react-components';
import { STRINGS, uiLangOf } from '../strings';

export function NotInExcel({ language }: { language?: string }): React.ReactElement {
  const S = STRINGS[uiLangOf(language ?? (typeof navigator !== 'undefined' ? navigator.language : 'en'))];
  return (
    <FluentProvider theme={webLightTheme} style={{ padding: '12px' }}>
      <MessageBar intent="warning" layout="multiline" data-testid="not-in-excel">
        <MessageBarBody>
          <MessageBarTitle>{S.notInExcelTitle}</MessageBarTitle>
          {S.notInExcelBody}
        </MessageBarBody>
      </MessageBar>
    </FluentProvider>
  );
}
