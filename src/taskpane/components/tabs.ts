/** Chunk "tabs" (chunks.ts `tabsChunk`): the Import, Record, Results and Year tabs, loaded when one is first shown. */
export { ImportTab } from './ImportTab';
export { ResultsTab } from './ResultsTab';
export { RecordTab } from './RecordTab';
export { YearTab } from './YearTab';
