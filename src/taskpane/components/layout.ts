/** The pane's layout styles, shared by its tabs: a column of sections and a wrapping row of controls. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useLayout = makeStyles({
  col: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
});
