/**
 * Which Office.js requirement sets the add-in's code uses, read from the type declarations themselves.
 *
 * Every property access (`ws.getRanges`, `range.select`, `new CustomFunctions.Error`) and every property of
 * an object literal typed by Office.js (`{ selectionMode: … }`) in the given source files is resolved with
 * the TypeScript compiler; when its declaration is in @types/office-js or @types/custom-functions-runtime,
 * the JSDoc says which set it needs: `[Api set: ExcelApi 1.9]`, or `**Requirement set**: {@link … |
 * SharedRuntime 1.1}`. A member without its own annotation needs its class's (enum's, interface's) set;
 * one without any (Office.onReady, context.sync) needs none.
 *
 * Qualified annotations:
 * - `1.1 for reading …; 1.2 for setting …` / `1.1 for get, 1.8 for set`: a write (the access is the left
 *   side of an assignment) needs the set version, a read the get version;
 * - `1.2 for options; 1.7 for password`: the qualifier names a parameter; its version applies when the
 *   call passes that argument. When every version names a parameter, the member itself needs its
 *   class's set (`unprotect()` without a password is ExcelApi 1.2, not 1.7);
 * - any other qualifier: the highest version it names (strict; read the annotation and decide).
 *
 * A use is allowed when the manifest's `<Requirements><Sets>` declares its set at that version or higher,
 * or when it is behind a gate: a feature flag of src/office/requirements.ts (`WriterFeatures`, whose
 * REQUIREMENTS entry names the set and version it is checked against with `isSetSupported`) whose
 * entry is for the same set at that version or higher. "Behind" is a rule on the syntax tree, so it is
 * checkable and cannot be satisfied by a comment:
 * - the use is in the `then` branch of an `if`, the true branch of `?:`, or the right side of `&&`, whose
 *   condition has `x.F` as one of its `&&` terms (F a feature flag: a property declared by
 *   `WriterFeatures`); or in the `else`/false branch / right side of `||` of a condition with `!x.F` as one
 *   of its `||` terms; or after `if (!x.F …) return|throw|continue|break;` in the same block;
 * - function expressions and arrows written inline (callbacks) are part of the code around them;
 * - a named function (a function declaration, or a `const` holding a function) is behind F when every
 *   reference to it in the checked files is a call that is itself behind F (so `if (f.pageLayout)
 *   queuePageLayout(…)` gates the whole of queuePageLayout). An exported function used elsewhere, or a
 *   function passed as a value, is not.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export interface SetUse {
  /** `Class.member` as declared (e.g. `RangeAreas.select`) */
  member: string;
  /** requirement set name, e.g. `ExcelApi` */
  set: string;
  version: string;
  /** path relative to the root, 1-based line */
  file: string;
  line: number;
  /** the feature flags the use is behind */
  gates: string[];
  /**
   * the member needs no more than its class or interface (RangeAreas.format, ExcelApi 1.9, like RangeAreas):
   * the object itself came from a member that is checked (getRanges), so this use needs no gate of its own
   */
  ofObject: boolean;
}

export interface Gate {
  set: string;
  version: string;
  feature: string;
}

const TYPES_FILE = /[\\/]@types[\\/](office-js|custom-functions-runtime)[\\/]/;

/** -1, 0, 1 comparing dotted versions numerically (1.10 > 1.9). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The manifest's `<Requirements><Sets>`: set name → MinVersion (DefaultMinVersion when absent). */
export function manifestSets(xml: string): Record<string, string> {
  const sets = /<Requirements>\s*<Sets\b([^>]*)>([\s\S]*?)<\/Sets>/.exec(xml.replace(/<!--[\s\S]*?-->/g, ''));
  if (!sets) return {};
  const def = /DefaultMinVersion="([^"]+)"/.exec(sets[1])?.[1] ?? '1.1';
  const out: Record<string, string> = {};
  for (const m of sets[2].matchAll(/<Set\b([^>]*)\/?>/g)) {
    const name = /\bName="([^"]+)"/.exec(m[1])?.[1];
    if (name) out[name] = /\bMinVersion="([^"]+)"/.exec(m[1])?.[1] ?? def;
  }
  return out;
}

/** Every .ts/.tsx file under the given directories. */
export function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return out.sort();
}

/** Parsed declaration and library files, kept between programs (the probes of the test build many). */
const parsed = new Map<string, ts.SourceFile>();
let previous: ts.Program | undefined;

/**
 * A program over `files` with the root's tsconfig.json; `virtual` adds or replaces file contents (for
 * tests). Consecutive programs share the parsed files that did not change (as an editor's would).
 */
export function createProgram(root: string, files: string[], virtual: Record<string, string> = {}): ts.Program {
  const cfg = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(cfg.config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const norm = (f: string) => path.resolve(f);
  const v = new Map(Object.entries(virtual).map(([f, t]) => [norm(f), t]));
  host.readFile = (f) => v.get(norm(f)) ?? read(f);
  host.fileExists = (f) => v.has(norm(f)) || exists(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError, create) => {
    const text = v.get(norm(f));
    if (text !== undefined) return ts.createSourceFile(f, text, lang);
    // only files that do not change while the tests run: libraries and type declarations
    if (!/[\\/]node_modules[\\/]/.test(f)) return getSourceFile(f, lang, onError, create);
    let sf = parsed.get(f);
    if (!sf) {
      sf = getSourceFile(f, lang, onError, create);
      if (sf) parsed.set(f, sf);
    }
    return sf;
  };
  previous = ts.createProgram([...new Set([...files, ...v.keys()])], options, host, previous);
  return previous;
}

interface Requirement {
  set: string;
  version: string;
}

/** The `@remarks` text of a declaration's JSDoc. */
function remarks(decl: ts.Node): string {
  return ts
    .getJSDocTags(decl)
    .filter((t) => t.tagName.text === 'remarks')
    .map((t) => ts.getTextOfJSDocComment(t.comment) ?? '')
    .join('\n');
}

/** The annotation of a declaration: `[Api set: …]` text, or the set of a `**Requirement set**` link. */
function annotation(decl: ts.Node): string | null {
  const r = remarks(decl);
  const api = /\[Api set:\s*([^\]]+)\]/.exec(r);
  if (api) return api[1].trim();
  const common = /\*\*Requirement set\*\*:\s*(?:\{@link[^|}]*\|\s*([^}]+)\}|([A-Za-z]+ [\d.]+))/.exec(r);
  return common ? (common[1] ?? common[2]).trim() : null;
}

/** The class, interface, enum (or namespace) a member is declared in, when it has a name. */
function container(decl: ts.Node): ts.Node | undefined {
  let p: ts.Node | undefined = decl.parent;
  while (p && !(ts.isClassDeclaration(p) || ts.isInterfaceDeclaration(p) || ts.isEnumDeclaration(p) || ts.isModuleDeclaration(p)))
    p = p.parent;
  return p;
}

const containerName = (n: ts.Node | undefined) =>
  n && (ts.isClassDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isEnumDeclaration(n) || ts.isModuleDeclaration(n))
    ? (n.name?.getText() ?? '?')
    : '?';

interface Access {
  /** the access is written to (left side of `=`) */
  write: boolean;
  /** the argument count when the member is called */
  args: number | null;
}

/**
 * What one declaration requires for this kind of access, or null when it names no set. `X 1.1` plain;
 * qualified versions as described at the top of the file.
 */
function requirementOf(decl: ts.Declaration, access: Access): Requirement | null {
  const text = annotation(decl);
  const fallback = (): Requirement | null => {
    const c = container(decl);
    if (!c || !TYPES_FILE.test(c.getSourceFile().fileName)) return null;
    const t = annotation(c);
    return t ? requirementOf(c as ts.Declaration, { write: false, args: null }) : null;
  };
  if (!text) return fallback();
  const head = /^([A-Za-z]+)\s+([\d.]*\d)/.exec(text);
  if (!head) return null;
  const set = head[1];
  // "1.1 for reading …; 1.2 for setting …", "1.2 for options; 1.7 for password"
  const parts = [...text.matchAll(/(\d+(?:\.\d+)+)(?:\s+for\s+([^;,.\]]+))?/g)].map((m) => ({ version: m[1], what: (m[2] ?? '').trim() }));
  if (parts.length === 1 && !parts[0].what) return { set, version: parts[0].version };
  const isGet = (w: string) => /^(get|getting|reading)\b/i.test(w);
  const isSet = (w: string) => /^(set|setting)\b/i.test(w);
  if (parts.every((p) => isGet(p.what) || isSet(p.what))) {
    const p = parts.find((x) => (access.write ? isSet(x.what) : isGet(x.what)));
    return p ? { set, version: p.version } : null;
  }
  const params = ts.isMethodDeclaration(decl) || ts.isMethodSignature(decl) || ts.isFunctionDeclaration(decl) ? decl.parameters : undefined;
  const paramIndex = (w: string) => (params ? params.findIndex((p) => p.name.getText() === w) : -1);
  if (params && parts.every((p) => paramIndex(p.what) >= 0)) {
    const used = parts.filter((p) => access.args !== null && paramIndex(p.what) < access.args);
    const base = fallback();
    const all = [...(base ? [base.version] : []), ...used.map((p) => p.version)];
    if (!all.length) return null;
    return { set, version: all.sort(compareVersions)[all.length - 1] };
  }
  return { set, version: parts.map((p) => p.version).sort(compareVersions)[parts.length - 1] };
}

const stripParens = (e: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(e) ? stripParens(e.expression) : e);

/**
 * Analyses `files` (absolute paths) of `program`: every use of an annotated Office.js member, with the
 * feature flags it is behind. `root` makes the reported paths relative.
 */
export function findSetUses(program: ts.Program, files: string[], root: string): SetUse[] {
  const checker = program.getTypeChecker();
  const sources = files.map((f) => program.getSourceFile(f)).filter((s): s is ts.SourceFile => !!s);

  /** a feature flag: `x.F` where F is declared by WriterFeatures (src/office/requirements.ts) */
  const flagOf = (e: ts.Expression): string | null => {
    e = stripParens(e);
    if (!ts.isPropertyAccessExpression(e)) return null;
    const sym = checker.getSymbolAtLocation(e.name);
    const d = sym?.declarations?.[0];
    if (!d || !ts.isPropertySignature(d) || !ts.isInterfaceDeclaration(d.parent) || d.parent.name.text !== 'WriterFeatures') return null;
    return e.name.text;
  };
  /** flags known true when `e` is true */
  const whenTrue = (e: ts.Expression): string[] => {
    e = stripParens(e);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
      return [...whenTrue(e.left), ...whenTrue(e.right)];
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return whenFalse(e.operand);
    const f = flagOf(e);
    return f ? [f] : [];
  };
  /** flags known true when `e` is false */
  const whenFalse = (e: ts.Expression): string[] => {
    e = stripParens(e);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
      return [...whenFalse(e.left), ...whenFalse(e.right)];
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return whenTrue(e.operand);
    return [];
  };
  const exits = (s: ts.Statement): boolean =>
    ts.isReturnStatement(s) ||
    ts.isThrowStatement(s) ||
    ts.isContinueStatement(s) ||
    ts.isBreakStatement(s) ||
    (ts.isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]));

  // every identifier in the checked files, by the symbol it refers to (for a named function's references)
  const refs = new Map<ts.Symbol, ts.Identifier[]>();
  for (const sf of sources) {
    const visit = (n: ts.Node) => {
      if (ts.isIdentifier(n)) {
        const s = checker.getSymbolAtLocation(n);
        if (s) refs.set(s, [...(refs.get(s) ?? []), n]);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }

  const fnGates = new Map<ts.Node, string[]>();
  /** the flags that hold wherever `n` runs */
  const gatesAt = (n: ts.Node, visiting: Set<ts.Node> = new Set()): string[] => {
    const out: string[] = [];
    let child: ts.Node = n;
    for (let p = n.parent; p; child = p, p = p.parent) {
      if (ts.isIfStatement(p)) {
        if (child === p.thenStatement) out.push(...whenTrue(p.expression));
        else if (child === p.elseStatement) out.push(...whenFalse(p.expression));
      } else if (ts.isConditionalExpression(p)) {
        if (child === p.whenTrue) out.push(...whenTrue(p.condition));
        else if (child === p.whenFalse) out.push(...whenFalse(p.condition));
      } else if (ts.isBinaryExpression(p) && child === p.right) {
        if (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) out.push(...whenTrue(p.left));
        else if (p.operatorToken.kind === ts.SyntaxKind.BarBarToken) out.push(...whenFalse(p.left));
      } else if ((ts.isBlock(p) || ts.isSourceFile(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) && ts.isStatement(child)) {
        for (const s of p.statements) {
          if (s === child) break;
          if (ts.isIfStatement(s) && !s.elseStatement && exits(s.thenStatement)) out.push(...whenFalse(s.expression));
        }
      }
      const named = namedFunction(p);
      if (named) {
        out.push(...functionGates(named, visiting));
        break;
      }
    }
    return [...new Set(out)];
  };
  /** a function declaration or `const x = () => …` / `function …`: the node whose references are its calls */
  const namedFunction = (p: ts.Node): ts.Identifier | null => {
    if (ts.isFunctionDeclaration(p) && p.name) return p.name;
    if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name)) {
      const list = p.parent.parent;
      if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) return p.parent.name;
    }
    return null;
  };
  const functionGates = (name: ts.Identifier, visiting: Set<ts.Node>): string[] => {
    const known = fnGates.get(name);
    if (known) return known;
    if (visiting.has(name)) return []; // recursion: no more than its outside callers give
    visiting.add(name);
    const sym = checker.getSymbolAtLocation(name);
    const uses = (sym ? (refs.get(sym) ?? []) : []).filter((r) => r !== name);
    let common: string[] | null = null;
    for (const r of uses) {
      const call = r.parent;
      const isCall = ts.isCallExpression(call) && call.expression === r;
      const here = isCall ? gatesAt(call, visiting) : [];
      common = common === null ? here : common.filter((g) => here.includes(g));
    }
    // exported functions may be called from files that are not checked
    const exported = sym?.declarations?.some((d) => ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Export) ?? false;
    const result = exported || common === null ? [] : common;
    visiting.delete(name);
    fnGates.set(name, result);
    return result;
  };

  const out: SetUse[] = [];
  for (const sf of sources) {
    const visit = (n: ts.Node) => {
      let name: ts.Node | undefined;
      let sym: ts.Symbol | undefined;
      if (ts.isPropertyAccessExpression(n)) {
        name = n.name;
        sym = checker.getSymbolAtLocation(n.name);
      } else if ((ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n)) && ts.isObjectLiteralExpression(n.parent)) {
        name = n.name;
        const ct = checker.getContextualType(n.parent);
        sym = ct && ts.isIdentifier(n.name) ? checker.getPropertyOfType(ct, n.name.text) : undefined;
      }
      if (name && sym) {
        const decls = (sym.declarations ?? []).filter((d) => TYPES_FILE.test(d.getSourceFile().fileName));
        if (decls.length) {
          const p = n.parent;
          const write = ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken;
          const call = ts.isCallExpression(p) && p.expression === n ? p : ts.isNewExpression(p) && p.expression === n ? p : null;
          const access: Access = {
            write: write || ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n),
            args: call ? (call.arguments?.length ?? 0) : null,
          };
          const { line } = sf.getLineAndCharacterOfPosition(name.getStart(sf));
          const gates = gatesAt(n);
          // a union's member (`(a ? ranges : range).select()`): one use per declaration (Range.select, RangeAreas.select)
          const seen = new Set<string>();
          for (const d of decls) {
            const r = requirementOf(d, access);
            if (!r) continue;
            const c = container(d);
            const member = `${containerName(c)}.${sym.name}`;
            if (seen.has(member)) continue;
            seen.add(member);
            const cr =
              c && (ts.isClassDeclaration(c) || ts.isInterfaceDeclaration(c)) ? requirementOf(c, { write: false, args: null }) : null;
            const ofObject = !!cr && cr.set === r.set && compareVersions(r.version, cr.version) <= 0;
            out.push({
              member,
              set: r.set,
              version: r.version,
              file: path.relative(root, sf.fileName).split(path.sep).join('/'),
              line: line + 1,
              gates,
              ofObject,
            });
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

/** Uses neither declared by the manifest nor behind a gate of the same set at that version or higher. */
export function offending(uses: SetUse[], manifest: Record<string, string>, gates: readonly Gate[]): SetUse[] {
  return uses.filter((u) => {
    if (u.ofObject) return false;
    const min = manifest[u.set];
    if (min !== undefined && compareVersions(u.version, min) <= 0) return false;
    return !u.gates.some((f) => gates.some((g) => g.feature === f && g.set === u.set && compareVersions(u.version, g.version) <= 0));
  });
}

export const describeUse = (u: SetUse): string =>
  `${u.file}:${u.line} ${u.member} needs ${u.set} ${u.version}` +
  (u.ofObject ? ' (as its class does)' : u.gates.length ? ` (behind ${u.gates.join(', ')})` : ' (not behind any gate)');

if (require.main === module) {
  const root = path.join(__dirname, '..');
  const files = sourceFiles(root, ['src/office', 'src/taskpane', 'src/functions']);
  const uses = findSetUses(createProgram(root, files), files, root);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { REQUIREMENTS } = require('../src/office/requirements') as { REQUIREMENTS: Gate[] };
  const bad = offending(uses, manifestSets(fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8')), REQUIREMENTS);
  for (const u of uses) console.log(`${bad.includes(u) ? 'FAIL' : 'ok  '} ${describeUse(u)}`);
  process.exitCode = bad.length ? 1 : 0;
}
