/**
 * Offline check of the add-in only XML manifest (manifest.xml, or the production copy in dist/).
 * `office-addin-manifest validate` needs the internet; this check does not, and it checks what
 * matters for this add-in: well-formed XML, resources defined exactly once and of the right kind,
 * one shared runtime (Runtime resid = task pane page = FunctionFile = custom functions page), https
 * URLs, icons that exist in assets/ at the declared size, namespace KPI, requirement sets, and in
 * production no localhost anywhere.
 *
 * CLI: npx tsx scripts/check-manifest.ts [manifest.xml] [--production] [--root DIR]
 */
import * as fs from 'fs';
import * as path from 'path';

// xml2js (a dependency of office-addin-manifest) ships no types; this is the part used here.
interface XmlAttr {
  name: string;
  value: string;
  prefix: string;
  local: string;
  uri: string;
}
interface XmlNode {
  '#name': string;
  $ns?: { uri: string; local: string };
  $?: Record<string, XmlAttr>;
  $$?: XmlNode[];
  _?: string;
}
interface Xml2js {
  Parser: new (opts: Record<string, unknown>) => {
    parseString(s: string, cb: (err: Error | null, r: Record<string, XmlNode>) => void): void;
  };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const xml2js: Xml2js = require('xml2js');

export const NS_APP = 'http://schemas.microsoft.com/office/appforoffice/1.1';
export const NS_BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
export const NS_VO = 'http://schemas.microsoft.com/office/taskpaneappversionoverrides';
export const NS_XMLNS = 'http://www.w3.org/2000/xmlns/';

/**
 * Requirement sets the manifest must declare (name → lowest acceptable MinVersion). ExcelApi 1.4 is the
 * Office.js writer's floor (src/office/requirements.ts MIN_EXCEL_API); it checks 1.6–1.9 at run time.
 * CustomFunctionsRuntime 1.3: the functions return `new CustomFunctions.Error(code, message)` with CustomFunctions.ErrorCode values, which are 1.3 (src/functions/runtime.ts).
 */
export const REQUIRED_SETS: Record<string, string> = { SharedRuntime: '1.1', CustomFunctionsRuntime: '1.3', ExcelApi: '1.4' };
export const NAMESPACE = 'KPI';

/** An element: local name, namespace, attributes (local name → value, xmlns declarations left out), text, children. */
export interface El {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  text: string;
  children: El[];
  parent: El | null;
  line?: number;
}

function toEl(n: XmlNode, parent: El | null): El {
  const attrs: Record<string, string> = {};
  for (const a of Object.values(n.$ ?? {})) {
    if (a.uri === NS_XMLNS || a.name === 'xmlns') continue;
    attrs[a.local || a.name] = a.value;
  }
  const el: El = {
    name: n.$ns?.local ?? n['#name'].replace(/^.*:/, ''),
    ns: n.$ns?.uri ?? '',
    attrs,
    text: (n._ ?? '').trim(),
    children: [],
    parent,
  };
  el.children = (n.$$ ?? []).map((c) => toEl(c, el));
  return el;
}

/** Parses XML text into an element tree; throws with the parser's message when it is not well-formed. */
export function parseXml(text: string): El {
  let result: Record<string, XmlNode> | null = null;
  let error: Error | null = null;
  const parser = new xml2js.Parser({
    strict: true,
    xmlns: true,
    explicitChildren: true,
    preserveChildrenOrder: true,
    charsAsChildren: false,
    explicitRoot: true,
  });
  // Without `async`, xml2js parses synchronously: the callback has run when parseString returns.
  parser.parseString(text, (err, r) => {
    if (err) error ??= err;
    else result ??= r;
  });
  if (error) throw error;
  if (!result) throw new Error('empty document');
  const root = Object.values(result as Record<string, XmlNode>)[0];
  return toEl(root, null);
}

export function* walk(el: El): Generator<El> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

const xsiType = (el: El): string | undefined => el.attrs.type?.replace(/^.*:/, '');
const child = (el: El | undefined, name: string): El | undefined => el?.children.find((c) => c.name === name);
const children = (el: El | undefined, name: string): El[] => el?.children.filter((c) => c.name === name) ?? [];
const where = (el: El): string => {
  const parts: string[] = [];
  for (let e: El | null = el; e; e = e.parent) parts.unshift(e.attrs.id ? `${e.name}#${e.attrs.id}` : e.name);
  return parts.join('/');
};

/** Which resource collection a resid must point into, from the referencing element. */
function residKind(el: El): ResourceKind {
  switch (el.name) {
    case 'Image':
      return 'Images';
    case 'SourceLocation':
    case 'FunctionFile':
    case 'Runtime':
    case 'LearnMoreUrl':
      return 'Urls';
    case 'Description':
      return 'LongStrings';
    default:
      return 'ShortStrings'; // Label, Title, Namespace
  }
}

type ResourceKind = 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings';
const RESOURCE_KINDS: ResourceKind[] = ['Images', 'Urls', 'ShortStrings', 'LongStrings'];
const MAX_LENGTH: Partial<Record<ResourceKind, number>> = { ShortStrings: 125, LongStrings: 250 };

/** Width and height of a PNG file, or null when it is not a PNG. */
export function pngSize(file: string): { width: number; height: number } | null {
  const b = fs.readFileSync(file);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

export interface CheckOptions {
  /** A production manifest: no localhost (or loopback address) anywhere. */
  production?: boolean;
  /** The project root; icon URLs map to files in `${root}/assets/`. */
  root: string;
}

/** The problems found in a manifest (empty when it passes). */
export function checkManifest(xmlText: string, opts: CheckOptions): string[] {
  const problems: string[] = [];
  const add = (msg: string) => problems.push(msg);

  if (opts.production) {
    xmlText.split(/\r?\n/).forEach((line, i) => {
      if (/localhost|127\.0\.0\.1|\[::1\]/i.test(line)) add(`production manifest mentions localhost at line ${i + 1}: ${line.trim()}`);
    });
  }

  let root: El;
  try {
    root = parseXml(xmlText);
  } catch (e) {
    add(`not well-formed XML: ${(e as Error).message.replace(/\s+/g, ' ').trim()}`);
    return problems;
  }

  // --- the OfficeApp element -------------------------------------------------------------------
  if (root.name !== 'OfficeApp' || root.ns !== NS_APP)
    add(`root element must be OfficeApp in ${NS_APP}, found ${root.name} in "${root.ns}"`);
  if (xsiType(root) !== 'TaskPaneApp') add(`OfficeApp xsi:type must be TaskPaneApp, found "${root.attrs.type ?? ''}"`);
  for (const name of [
    'Id',
    'Version',
    'ProviderName',
    'DefaultLocale',
    'DisplayName',
    'Description',
    'IconUrl',
    'Hosts',
    'DefaultSettings',
    'Permissions',
  ]) {
    if (!child(root, name)) add(`OfficeApp/${name} is missing`);
  }
  const id = child(root, 'Id')?.text ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) add(`OfficeApp/Id "${id}" is not a GUID`);
  const hostNames = children(child(root, 'Hosts'), 'Host').map((h) => h.attrs.Name);
  if (!hostNames.includes('Workbook')) add(`OfficeApp/Hosts must contain <Host Name="Workbook"/>, found [${hostNames.join(', ')}]`);
  for (const name of ['DisplayName', 'Description']) {
    const el = child(root, name);
    const max = name === 'DisplayName' ? 125 : 250;
    for (const v of [el?.attrs.DefaultValue ?? '', ...children(el, 'Override').map((o) => o.attrs.Value ?? '')]) {
      if (!v) add(`OfficeApp/${name} has an empty value`);
      else if ([...v].length > max) add(`OfficeApp/${name} "${v.slice(0, 30)}…" is longer than ${max} characters`);
    }
  }

  // --- requirement sets ------------------------------------------------------------------------
  const sets = child(child(root, 'Requirements'), 'Sets');
  if (!sets) add('OfficeApp/Requirements/Sets is missing: declare the requirement sets the add-in needs');
  const declared = new Map<string, string>();
  for (const s of children(sets, 'Set')) declared.set(s.attrs.Name, s.attrs.MinVersion ?? sets?.attrs.DefaultMinVersion ?? '1.1');
  for (const [name, min] of Object.entries(REQUIRED_SETS)) {
    const v = declared.get(name);
    if (v === undefined) add(`requirement set ${name} (MinVersion ${min}) is not declared`);
    else if (compareVersions(v, min) < 0) add(`requirement set ${name} is declared at ${v}, the add-in needs ${min}`);
  }

  // --- resources: each id defined once, of a known kind ----------------------------------------
  const vo = child(root, 'VersionOverrides');
  if (!vo) add('OfficeApp/VersionOverrides is missing (ribbon button, custom functions and shared runtime live there)');
  const resources = child(vo, 'Resources');
  const defs = new Map<string, { kind: ResourceKind; el: El }[]>();
  for (const kind of RESOURCE_KINDS) {
    for (const el of child(resources, kind)?.children ?? []) {
      const rid = el.attrs.id;
      if (!rid) {
        add(`${where(el)} has no id`);
        continue;
      }
      defs.set(rid, [...(defs.get(rid) ?? []), { kind, el }]);
      const max = MAX_LENGTH[kind];
      for (const v of [el.attrs.DefaultValue ?? '', ...children(el, 'Override').map((o) => o.attrs.Value ?? '')]) {
        if (!v) add(`resource "${rid}" has an empty value`);
        else if (max && [...v].length > max) add(`resource "${rid}" (${kind}) is longer than ${max} characters`);
      }
    }
  }
  for (const [rid, list] of defs) {
    if (list.length > 1)
      add(`resource id "${rid}" is defined ${list.length} times (${list.map((d) => d.kind).join(', ')}); it must be defined exactly once`);
  }

  // --- every resid referenced is defined, in the right collection ------------------------------
  const used = new Set<string>();
  for (const el of walk(root)) {
    const rid = el.attrs.resid;
    if (rid === undefined) continue;
    used.add(rid);
    const d = defs.get(rid);
    if (!d) add(`${where(el)} refers to resid "${rid}", which is not defined in Resources`);
    else if (d.length === 1 && d[0].kind !== residKind(el))
      add(`${where(el)} refers to resid "${rid}" in ${d[0].kind}; it must be in ${residKind(el)}`);
  }
  for (const rid of defs.keys()) if (!used.has(rid)) add(`resource "${rid}" is defined but never used`);
  const value = (rid: string | undefined): string | undefined =>
    rid === undefined ? undefined : defs.get(rid)?.[0]?.el.attrs.DefaultValue;

  // --- shared runtime ---------------------------------------------------------------------------
  const hosts = children(child(vo, 'Hosts'), 'Host');
  const host = hosts.find((h) => xsiType(h) === 'Workbook');
  if (vo && !host) add('VersionOverrides/Hosts has no <Host xsi:type="Workbook">');
  const runtimes = children(child(host, 'Runtimes'), 'Runtime');
  if (runtimes.length !== 1) add(`the Workbook host must declare exactly one Runtime, found ${runtimes.length}`);
  const runtime = runtimes[0];
  if (runtime && runtime.attrs.lifetime !== 'long')
    add(`Runtime lifetime must be "long" for a shared runtime, found "${runtime.attrs.lifetime ?? ''}"`);
  const runtimeRid = runtime?.attrs.resid;

  const cf = children(child(host, 'AllFormFactors'), 'ExtensionPoint').find((e) => xsiType(e) === 'CustomFunctions');
  if (!cf) add('AllFormFactors has no ExtensionPoint xsi:type="CustomFunctions"');
  const desktop = child(host, 'DesktopFormFactor');
  const functionFile = child(desktop, 'FunctionFile');
  if (!functionFile) add('DesktopFormFactor/FunctionFile is missing');
  const showTaskpane = desktop ? [...walk(desktop)].filter((e) => e.name === 'Action' && xsiType(e) === 'ShowTaskpane') : [];
  if (!showTaskpane.length) add('no ribbon control with a ShowTaskpane action');
  for (const a of showTaskpane) if (!child(a, 'TaskpaneId')?.text) add(`${where(a)} has no TaskpaneId`);

  const sameAsRuntime: [string, string | undefined][] = [
    ['the task pane page (ShowTaskpane SourceLocation)', child(showTaskpane[0], 'SourceLocation')?.attrs.resid],
    ['the FunctionFile', functionFile?.attrs.resid],
    ['the custom functions Page SourceLocation', child(child(cf, 'Page'), 'SourceLocation')?.attrs.resid],
  ];
  for (const a of showTaskpane.slice(1)) sameAsRuntime.push([`${where(a)} SourceLocation`, child(a, 'SourceLocation')?.attrs.resid]);
  if (runtimeRid !== undefined) {
    for (const [what, rid] of sameAsRuntime) {
      if (rid !== runtimeRid) add(`${what} uses resid "${rid ?? '(none)'}"; the shared runtime needs the Runtime's resid "${runtimeRid}"`);
    }
    const defaultPage = child(child(root, 'DefaultSettings'), 'SourceLocation')?.attrs.DefaultValue;
    if (value(runtimeRid) !== undefined && defaultPage !== value(runtimeRid)) {
      add(`DefaultSettings/SourceLocation "${defaultPage ?? ''}" differs from the runtime page "${value(runtimeRid)}"`);
    }
  }

  // --- custom functions ----------------------------------------------------------------------
  if (cf) {
    const script = value(child(child(cf, 'Script'), 'SourceLocation')?.attrs.resid);
    const metadata = value(child(child(cf, 'Metadata'), 'SourceLocation')?.attrs.resid);
    if (!script || !/\.js$/.test(new URL(script, 'https://x/').pathname))
      add(`custom functions Script must be a .js URL, found "${script ?? ''}"`);
    if (!metadata || !/\/functions\.json$/.test(new URL(metadata, 'https://x/').pathname)) {
      add(`custom functions Metadata must be the functions.json URL, found "${metadata ?? ''}"`);
    }
    const ns = value(child(cf, 'Namespace')?.attrs.resid);
    if (ns !== NAMESPACE) add(`custom functions Namespace must be "${NAMESPACE}", found "${ns ?? ''}"`);
  }
  const tabs = desktop ? [...walk(desktop)].filter((e) => e.name === 'OfficeTab') : [];
  if (!tabs.some((t) => t.attrs.id === 'TabHome')) add('the ribbon button must be on the Home tab (OfficeTab id="TabHome")');

  // --- URLs: https, and icons that exist ------------------------------------------------------
  const urls: { el: El; url: string; what: string }[] = [];
  const push = (el: El | undefined, url: string | undefined, what: string) => {
    if (el && url !== undefined) urls.push({ el, url, what });
  };
  for (const name of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl'])
    push(child(root, name), child(root, name)?.attrs.DefaultValue, name);
  push(
    child(child(root, 'DefaultSettings'), 'SourceLocation'),
    child(child(root, 'DefaultSettings'), 'SourceLocation')?.attrs.DefaultValue,
    'DefaultSettings',
  );
  for (const a of children(child(root, 'AppDomains'), 'AppDomain')) push(a, a.text, 'AppDomain');
  for (const kind of ['Urls', 'Images'] as const) {
    for (const el of child(resources, kind)?.children ?? []) {
      push(el, el.attrs.DefaultValue, `resource "${el.attrs.id}"`);
      for (const o of children(el, 'Override')) push(o, o.attrs.Value, `resource "${el.attrs.id}" (${o.attrs.Locale})`);
    }
  }
  for (const { url, what } of urls) {
    let u: URL | null = null;
    try {
      u = new URL(url);
    } catch {
      add(`${what}: "${url}" is not an absolute URL`);
      continue;
    }
    if (u.protocol !== 'https:') add(`${what}: "${url}" must use https`);
  }
  // Any other http:// text (xmlns declarations are not attributes here) is a mistake too.
  for (const el of walk(root)) {
    for (const [k, v] of Object.entries(el.attrs)) if (/^http:\/\//i.test(v)) add(`${where(el)} @${k}: "${v}" must use https`);
    if (/^http:\/\//i.test(el.text)) add(`${where(el)}: "${el.text}" must use https`);
  }

  const icons: { url: string; size: number; what: string }[] = [];
  const iconUrl = child(root, 'IconUrl')?.attrs.DefaultValue;
  if (iconUrl) icons.push({ url: iconUrl, size: 32, what: 'IconUrl' });
  const hiRes = child(root, 'HighResolutionIconUrl')?.attrs.DefaultValue;
  if (hiRes) icons.push({ url: hiRes, size: 64, what: 'HighResolutionIconUrl' });
  for (const el of walk(root)) {
    if (el.name === 'Image' && el.ns === NS_BT && el.attrs.resid !== undefined) {
      const url = value(el.attrs.resid);
      if (url) icons.push({ url, size: Number(el.attrs.size), what: `${where(el)} (resid "${el.attrs.resid}")` });
    }
  }
  const checked = new Set<string>();
  for (const { url, size, what } of icons) {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(url).pathname);
    } catch {
      continue; // reported above
    }
    const i = pathname.lastIndexOf('/assets/');
    if (i < 0) {
      add(`${what}: icon "${url}" is not under /assets/`);
      continue;
    }
    const rel = pathname.slice(i + '/assets/'.length);
    const file = path.join(opts.root, 'assets', rel);
    const key = `${file}@${size}`;
    if (checked.has(key)) continue;
    checked.add(key);
    if (!rel || rel.includes('..') || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      add(`${what}: icon "${url}" has no file assets/${rel}`);
      continue;
    }
    const dim = pngSize(file);
    if (!dim) add(`${what}: assets/${rel} is not a PNG`);
    else if (Number.isFinite(size) && (dim.width !== size || dim.height !== size)) {
      add(`${what}: assets/${rel} is ${dim.width}×${dim.height}, expected ${size}×${size}`);
    }
  }

  return problems;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const production = args.includes('--production');
  const rootArg = args.indexOf('--root');
  const root = rootArg >= 0 ? path.resolve(args[rootArg + 1]) : path.join(__dirname, '..');
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--root') ?? path.join(root, 'manifest.xml');
  const problems = checkManifest(fs.readFileSync(file, 'utf8'), { production, root });
  if (problems.length) {
    console.error(`${file}: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  console.log(`${file}: OK${production ? ' (production)' : ''}`);
}
