/**
 * What the fake Excel counts of a request: syncs, operations, the UTF-8 bytes of each operation's payload
 * (Excel on the web refuses a request over 5 MB), and the ExcelApi version each operation needs.
 */

export interface FakeRunStats {
  syncs: number;
  ops: number;
  /** UTF-8 bytes of the JSON of the operations sent in each sync (see `payloadBytes`) */
  payloads: number[];
}

/** UTF-8 bytes of a string. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

/** The payload of one operation as the fake counts it: the UTF-8 JSON of its arguments plus its name and 40 bytes. */
export function payloadBytes(what: string, payload: unknown): number {
  let json = 'null';
  try {
    json = JSON.stringify(payload ?? null) ?? 'null';
  } catch {
    /* not serialisable: counted as null */
  }
  return 40 + what.length + utf8Bytes(json);
}

/**
 * The ExcelApi version an operation needs, from the `[Api set: …]` annotations of @types/office-js for
 * the members the fake implements (e.g. `RangeAreas.select` 1.18, `Worksheet.getRanges`, `pageLayout` and
 * `autoFilter`, `Range.copyFrom` 1.9, `dataValidation` 1.8, `freezePanes`, `useStandardWidth`, protection with a password or
 * `selectionMode` 1.7, `conditionalFormats` 1.6, `names.add`, `NamedItem.delete`/`comment` 1.4, merges,
 * hidden rows and columns, widths and heights, locking, sheet protection, `visibility` (set),
 * `getUsedRange(valuesOnly)` 1.2; the rest 1.1).
 */
export function apiSetOf(what: string, payload: unknown): string {
  if (what === 'RangeAreas.select') return '1.18';
  if (what === 'Range.copyFrom') return '1.9';
  if (/^RangeAreas\.|^(PageLayout|PageBreakCollection|AutoFilter)\./.test(what)) return '1.9';
  if (/dataValidation/.test(what)) return '1.8';
  if (/^WorksheetFreezePanes\.|useStandard(Width|Height)$/.test(what)) return '1.7';
  if (what === 'WorksheetProtection.protect') {
    const [o, password] = (payload ?? []) as [Record<string, unknown> | undefined, string | undefined];
    return password || (o && 'selectionMode' in o) ? '1.7' : '1.2';
  }
  if (what === 'WorksheetProtection.unprotect') return payload ? '1.7' : '1.2';
  if (/conditionalFormats|^ConditionalFormat\./.test(what)) return '1.6';
  if (/^NamedItemCollection\.add$|^NamedItem\.(delete|comment)$|OrNullObject$/.test(what)) return '1.4';
  if (what === 'NamedItemCollection.load' && /comment/.test(JSON.stringify(payload ?? ''))) return '1.4';
  if (/\.(merge|unmerge|columnHidden|rowHidden)$|format\.(columnWidth|rowHeight|protection\.locked)$|^Worksheet\.visibility$/.test(what))
    return '1.2';
  if ((what === 'Worksheet.getUsedRange' || what === 'Range.getUsedRange') && payload) return '1.2';
  return '1.1';
}
