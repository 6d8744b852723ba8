/**
 * A fake Office.js for the task pane in a plain browser page (injected with Playwright's addInitScript;
 * the page's office.js request is then answered with an empty script so this fake stays in place).
 *
 * - `Office.onReady` resolves { host: 'Excel', platform: 'PC' }; every requirement set is supported.
 * - `Excel.run(batch)` gives the batch a counting request context: every method call and property write
 *   on any proxy object below `context` is recorded, `context.sync()` is counted, nothing is executed.
 *   Collections are empty (`items` = []), `…OrNullObject` results are null objects except worksheets
 *   that exist (Sheet1 and the ones added), `load` returns its object, enums are their member names.
 *
 * - `window.__kpiMockValues(sheet, address)`, when a test defines it (an init script after this one), gives
 *   the `values` of `worksheet.getRange(address)` (a 2-D array; undefined: the usual recording stand-in),
 *   and of that range's `getUsedRange()` (its `rowIndex` from the address), so a test can have the pane
 *   read results and records. `window.__kpiMockSheetItems = true` makes `worksheets.items` list the sheets.
 *   `window.__kpiMockNames = { NAME: { values, rowIndex } }` gives the range of `names.getItem(NAME).getRange()`
 *   (e.g. REC_ID's empty rows, KPI_LANG), so a test can have the pane write records.
 *
 * - `CustomFunctions.associate` records the ids the page registers (the shared runtime's custom functions).
 *
 * What it saw is in `window.__kpiExcelMock`: { runs, settled, syncs, calls: [{path, args}],
 * sets: [{path, value}], sheetsAdded: [], errors: [], associated: [] }.
 */
(function installOfficeMock() {
  'use strict';
  const LIMIT = 50000;
  const log = { runs: 0, settled: 0, syncs: 0, calls: [], sets: [], sheetsAdded: [], errors: [], associated: [] };
  window.__kpiExcelMock = log;

  const summarize = (v) => {
    if (v === null || typeof v !== 'object') return typeof v === 'function' ? '[function]' : v;
    if (Array.isArray(v)) return `[array ${v.length}${Array.isArray(v[0]) ? `×${v[0].length}` : ''}]`;
    return '[object]';
  };
  const push = (arr, item) => {
    if (arr.length < LIMIT) arr.push(item);
  };
  const existingSheets = () => ['Sheet1', ...log.sheetsAdded];

  /** A recording stand-in for any Office.js object (callable, so any member can be a method). */
  function node(path, extra) {
    const own = Object.assign(Object.create(null), extra || {});
    let self = null;
    const handler = {
      get(_t, prop) {
        if (typeof prop === 'symbol') {
          if (prop === Symbol.iterator) return function* empty() {};
          if (prop === Symbol.toPrimitive) return (hint) => (hint === 'number' ? 0 : `[${path}]`);
          return undefined;
        }
        if (prop in own) return own[prop];
        switch (prop) {
          case 'then':
            return undefined; // not a promise
          case 'toJSON':
            return () => ({});
          case 'load':
          case 'track':
          case 'untrack':
            return () => self;
          case 'isNullObject':
            return /OrNullObject$/.test(path);
          case 'items':
            // opt-in (a test sets window.__kpiMockSheetItems): the worksheets as they are, Sheet1 and the ones added
            return window.__kpiMockSheetItems && /\.worksheets$/.test(path) ? existingSheets().map((name) => ({ name })) : [];
          case 'context':
            return currentContext;
          default:
            break;
        }
        const child = node(`${path}.${prop}`);
        own[prop] = child; // the same object each time (ws.protection, range.format, …)
        return child;
      },
      set(_t, prop, value) {
        push(log.sets, { path: `${path}.${String(prop)}`, value: summarize(value) });
        own[prop] = value;
        return true;
      },
      apply(_t, _this, args) {
        push(log.calls, { path, args: args.map(summarize) });
        if (/\.worksheets\.add$/.test(path)) {
          const name = typeof args[0] === 'string' ? args[0] : `Sheet${existingSheets().length + 1}`;
          log.sheetsAdded.push(name);
          return node(`worksheet[${name}]`, { name });
        }
        if (/\.worksheets\.(getItem|getItemOrNullObject)$/.test(path)) {
          const name = String(args[0]);
          const exists = existingSheets().includes(name);
          return node(`worksheet[${name}]${exists ? '' : path.endsWith('OrNullObject') ? 'OrNullObject' : ''}`, {
            name,
            isNullObject: !exists,
          });
        }
        if (/\.worksheets\.getActiveWorksheet$/.test(path)) return node('worksheet[Sheet1]', { name: 'Sheet1' });
        const named = /\.names\.getItem$/.test(path) && window.__kpiMockNames && window.__kpiMockNames[String(args[0])];
        if (named) {
          // a defined name's range (NamedItem.getRange): its values and first row; a column beside it is as tall and blank
          const at = `name[${String(args[0])}].getRange()`;
          const beside = () => node(`${at}.getOffsetRange()`, { values: named.values.map((r) => r.map(() => '')) });
          const range = node(at, { values: named.values, rowIndex: named.rowIndex || 0, getOffsetRange: beside });
          return node(`name[${String(args[0])}]`, { getRange: () => range });
        }
        const sheetRange = /^worksheet\[(.*)\]\.getRange$/.exec(path);
        if (sheetRange && typeof window.__kpiMockValues === 'function') {
          const values = window.__kpiMockValues(sheetRange[1], String(args[0]));
          if (values !== undefined) {
            // a range's used range (Range.getUsedRange) is the values given, from the range's first row
            const rowIndex = Number((/\d+/.exec(String(args[0])) || ['1'])[0]) - 1;
            const got = node(`${path}()`, { values, rowIndex });
            return node(`${path}()`, { values, rowIndex, getUsedRange: () => got });
          }
        }
        const short = path.replace(/^.*\./, '');
        return node(`${path}()${short.endsWith('OrNullObject') ? '.OrNullObject' : ''}`);
      },
    };
    self = new Proxy(function officeObject() {}, handler);
    return self;
  }

  let currentContext = null;
  function makeContext() {
    const ctx = node('context', {
      sync: () => {
        log.syncs++;
        return Promise.resolve();
      },
    });
    return ctx;
  }

  /** Enum members are their names, as Office.js string enums are (Excel.BorderIndex.edgeTop === 'EdgeTop'). */
  const enumProxy = () =>
    new Proxy(
      {},
      {
        get: (_t, k) => (typeof k === 'string' ? k.charAt(0).toUpperCase() + k.slice(1) : undefined),
      },
    );

  const excelBase = {
    run: async (a, b) => {
      const batch = typeof a === 'function' ? a : b;
      log.runs++;
      currentContext = makeContext();
      try {
        const r = await batch(currentContext);
        return r;
      } catch (e) {
        log.errors.push(String((e && e.stack) || e));
        throw e;
      } finally {
        log.settled++;
      }
    },
  };
  window.Excel = new Proxy(excelBase, {
    get: (t, k) => (k in t ? t[k] : typeof k === 'string' ? enumProxy() : undefined),
  });

  // The custom functions runtime of the shared runtime: records which functions the page registers.
  class CustomFunctionError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }
  window.CustomFunctions = {
    associate(id, fn) {
      if (typeof id === 'object' && id) Object.keys(id).forEach((k) => log.associated.push(k));
      else if (typeof fn === 'function') log.associated.push(String(id));
      else log.errors.push(`CustomFunctions.associate(${String(id)}) without a function`);
    },
    Error: CustomFunctionError,
    ErrorCode: {
      invalidValue: '#VALUE!',
      notAvailable: '#N/A',
      divisionByZero: '#DIV/0!',
      invalidNumber: '#NUM!',
      nullReference: '#NULL!',
    },
  };

  const info = { host: 'Excel', platform: 'PC' };
  const officeBase = {
    HostType: {
      Excel: 'Excel',
      Word: 'Word',
      PowerPoint: 'PowerPoint',
      Outlook: 'Outlook',
      OneNote: 'OneNote',
      Project: 'Project',
      Access: 'Access',
    },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac', iOS: 'iOS', Android: 'Android', Universal: 'Universal' },
    onReady(cb) {
      const p = Promise.resolve(info);
      if (typeof cb === 'function') p.then(cb);
      return p;
    },
    context: {
      host: 'Excel',
      platform: 'PC',
      displayLanguage: 'en-US',
      contentLanguage: 'en-US',
      requirements: { isSetSupported: () => true },
      diagnostics: { host: 'Excel', platform: 'PC', version: '16.0.0.0' },
      document: node('Office.context.document'),
    },
  };
  window.Office = new Proxy(officeBase, {
    get: (t, k) => (k in t ? t[k] : typeof k === 'string' ? node(`Office.${k}`) : undefined),
  });
})();
