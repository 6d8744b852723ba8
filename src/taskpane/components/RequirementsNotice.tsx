/** Says which requirement sets this Excel lacks, what that costs and what still works. */
import * as React from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { HostSupport } from '../../office/requirements';
import type { Strings } from '../strings';

export function RequirementsNotice({ support, S }: { support: HostSupport; S: Strings }): React.ReactElement | null {
  if (support.missing.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="requirements">
      <MessageBarBody>
        <MessageBarTitle>{S.requirementsTitle}</MessageBarTitle>
        <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
          {support.missing.map((r) => (
            <li key={`${r.set}${r.version}${r.feature}`}>
              {S.missingSet(r.set, r.version)}: {S.featureLoss[r.feature]}
            </li>
          ))}
        </ul>
        {support.canInsert ? S.stillWorks : null}
      </MessageBarBody>
    </MessageBar>
  );
}
