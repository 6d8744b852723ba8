/**
 * The Excel hosts the fake Excel (test/helpers/fakeExcel.ts) can be: each with the requirement sets it
 * supports and the ways it is stricter than our model of Excel.
 *
 * Requirement sets (Microsoft Learn, "Excel JavaScript API requirement sets", "Shared runtime requirement
 * sets", "Custom Functions requirement sets"; the Windows perpetual hosts are the volume-licensed ones,
 * whose sets are fixed):
 *  - Excel 2016: ExcelApi 1.1 ("the only Excel-specific requirement set supported by Excel 2016"); no shared
 *    runtime, no custom functions.
 *  - Excel 2019: ExcelApi 1.1–1.7 (Office 2019: Version 1801); no shared runtime, no custom functions.
 *  - Excel 2021: ExcelApi 1.1–1.14 (Office 2021: Version 2108); SharedRuntime 1.1; CustomFunctionsRuntime
 *    1.1–1.3 (Office 2021: Version 2108, Build 14332.20011).
 *  - Excel 2024 LTSC: ExcelApi 1.1–1.17 (Office 2024: Version 2302); SharedRuntime 1.2; CustomFunctionsRuntime
 *    1.3 (1.4 and later: "not supported" on volume-licensed perpetual).
 *  - Microsoft 365 (Windows Version 2509, Mac 16.100) and Excel on the web: ExcelApi 1.20, SharedRuntime 1.2,
 *    CustomFunctionsRuntime 1.5; the web also ExcelApiOnline.
 *
 * Behaviours:
 *  - Excel on the web refuses a request payload over 5 MB (Learn: "Resource limits and performance
 *    optimization for Office Add-ins": RequestPayloadSizeLimitExceeded).
 *  - `pageLayout.zoom` fit-to-pages is not applied unless the Page Layout tab is active (office-js #1860,
 *    reported on Windows; the platform is not narrowed down, so every host ignores it here). `{ scale }` is applied.
 *  - While custom functions calculate, reading their cells gives `#BUSY!` (every host with custom functions).
 */

export type SetName = 'ExcelApi' | 'SharedRuntime' | 'CustomFunctionsRuntime' | 'ExcelApiOnline';

export interface FakeHost {
  id: 'excel2016' | 'excel2019' | 'excel2021' | 'excel2024' | 'm365-windows' | 'm365-mac' | 'web';
  /** as the README's "Which Excel" names it */
  name: string;
  /** Office.context.platform */
  platform: 'PC' | 'Mac' | 'OfficeOnline';
  /** the highest version of each requirement set the host supports; absent: not supported */
  sets: Partial<Record<SetName, string>>;
  /** the request payload limit in bytes (UTF-8 JSON of one context.sync), or null for none */
  requestLimitBytes: number | null;
  /** what `pageLayout.zoom = { horizontalFitToPages, verticalFitToPages }` does */
  fitToPages: 'ignored' | 'applied';
  /** after a write, how many reads of custom-function cells give #BUSY! (0: the host has no custom functions) */
  busyReads: number;
}

/** 5 MB, as Excel on the web counts it (the strict reading: 5,000,000 bytes) */
export const WEB_REQUEST_LIMIT = 5_000_000;

const CURRENT = { ExcelApi: '1.20', SharedRuntime: '1.2', CustomFunctionsRuntime: '1.5' } as const;

export const HOSTS: Record<FakeHost['id'], FakeHost> = {
  excel2016: {
    id: 'excel2016',
    name: 'Excel 2016 (Windows)',
    platform: 'PC',
    sets: { ExcelApi: '1.1' },
    requestLimitBytes: null,
    fitToPages: 'ignored',
    busyReads: 0,
  },
  excel2019: {
    id: 'excel2019',
    name: 'Excel 2019 (Windows)',
    platform: 'PC',
    sets: { ExcelApi: '1.7' },
    requestLimitBytes: null,
    fitToPages: 'ignored',
    busyReads: 0,
  },
  excel2021: {
    id: 'excel2021',
    name: 'Excel 2021 (Windows)',
    platform: 'PC',
    sets: { ExcelApi: '1.14', SharedRuntime: '1.1', CustomFunctionsRuntime: '1.3' },
    requestLimitBytes: null,
    fitToPages: 'ignored',
    busyReads: 1,
  },
  excel2024: {
    id: 'excel2024',
    name: 'Excel 2024 LTSC (Windows)',
    platform: 'PC',
    sets: { ExcelApi: '1.17', SharedRuntime: '1.2', CustomFunctionsRuntime: '1.3' },
    requestLimitBytes: null,
    fitToPages: 'ignored',
    busyReads: 1,
  },
  'm365-windows': {
    id: 'm365-windows',
    name: 'Microsoft 365 (Windows)',
    platform: 'PC',
    sets: { ...CURRENT },
    requestLimitBytes: null,
    fitToPages: 'ignored',
    busyReads: 1,
  },
  'm365-mac': {
    id: 'm365-mac',
    name: 'Microsoft 365 (Mac)',
    platform: 'Mac',
    sets: { ...CURRENT },
    requestLimitBytes: null,
    fitToPages: 'ignored',
    busyReads: 1,
  },
  web: {
    id: 'web',
    name: 'Excel on the web',
    platform: 'OfficeOnline',
    sets: { ...CURRENT, ExcelApiOnline: '1.1' },
    requestLimitBytes: WEB_REQUEST_LIMIT,
    fitToPages: 'ignored',
    busyReads: 1,
  },
};

/** Every host, oldest first (for describe.each). */
export const ALL_HOSTS: FakeHost[] = Object.values(HOSTS);

/** The default host of a FakeWorkbook: Microsoft 365, current channel. */
export const DEFAULT_HOST = HOSTS['m365-windows'];

/** "1.10" > "1.9": versions compare part by part as numbers. */
export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** `Office.context.requirements.isSetSupported` of the host (no version: any version of the set). */
export function isSetSupported(host: FakeHost, set: string, version?: string): boolean {
  const have = host.sets[set as SetName];
  if (have === undefined) return false;
  return version === undefined || version === '' || versionAtLeast(have, version);
}

/**
 * Whether Office offers the add-in on the host at all: every set of the manifest's `<Requirements>`
 * (`<Set Name="…" MinVersion="…"/>`, read from manifest.xml by the caller) is supported.
 */
export function manifestLoads(host: FakeHost, manifestXml: string): boolean {
  const req = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(manifestXml)?.[1] ?? '';
  const def = /DefaultMinVersion="([^"]+)"/.exec(req)?.[1] ?? '1.1';
  return [...req.matchAll(/<Set Name="([^"]+)"(?:\s+MinVersion="([^"]+)")?\s*\/>/g)].every((m) => isSetSupported(host, m[1], m[2] ?? def));
}
