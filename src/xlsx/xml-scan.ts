/**
 * A small XML tokenizer for the parts of an .xlsx that scoring reads. It checks well-formedness as a SAX
 * parser does (tags nested and closed, attributes quoted, references known, characters allowed, nothing but
 * white space outside the root element) and tells the caller where each element and text is; it does not
 * resolve namespaces or DTDs, and does not look for a repeated attribute (no tool writes one; the first is
 * read). Why not saxes (which ExcelJS uses): a whole process scores one workbook, so what counts is the cold
 * run, before V8 has compiled the loop; this one leaves most of the work to native code (indexOf, one regular
 * expression per start tag, whole-part checks), reads the bytes as Latin-1 without decoding them, and builds
 * no object per element (names interned, attributes found where they stand when asked for). Cold, on an
 * 80-agent workbook saved by LibreOffice: fast-read.ts reads every cell in ~50 ms; saxes parses the same
 * parts in ~60 ms, ~70 ms with the cells picked out (ExcelJS: ~0.45 s, after ~0.2 s to load it).
 * On an error it throws `XmlError`; callers that show the error ask saxes for its wording (line, column).
 */

export class XmlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const QMARK = 63;
const BANG = 33;
const EQ = 61;
const AMP = 38;
const DQUOTE = 34;
const SQUOTE = 39;
const COLON = 58;

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;
/** a character that ends a name: white space, / > = < quotes, & */
const endsName = (c: number) => isSpace(c) || c === SLASH || c === GT || c === EQ || c === LT || c === DQUOTE || c === SQUOTE || c === AMP;

/** endsName as a table of the Latin-1 characters (a byte of the part), for the loop over an element's name */
const ENDS_NAME = new Uint8Array(256);
for (let c = 0; c < 256; c++) ENDS_NAME[c] = endsName(c) ? 1 : 0;

/** a name does not start with a digit, '-', '.' or a character that ends a name */
const startsName = (c: number) => !endsName(c) && !(c >= 48 && c <= 57) && c !== 45 && c !== 46 && c !== BANG && c !== QMARK;

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with its character and entity references replaced; throws on an `&` that is not one. */
export function decodeRefs(s: string, at = 0): string {
  let out = '';
  let from = 0;
  for (let i = s.indexOf('&'); i >= 0; i = s.indexOf('&', from)) {
    const semi = s.indexOf(';', i + 1);
    const ref = semi > i ? s.slice(i + 1, semi) : '';
    let ch: string | undefined;
    if (ref.charCodeAt(0) === 35 /* # */) {
      const hex = ref.charCodeAt(1) === 120; /* x */
      const digits = ref.slice(hex ? 2 : 1);
      const code = (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits) ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (code >= 1 && code <= 0x10ffff) ch = String.fromCodePoint(code);
    } else if (Object.prototype.hasOwnProperty.call(NAMED, ref)) ch = NAMED[ref];
    if (ch === undefined) throw new XmlError(`unknown reference or stray & "${s.slice(i, Math.min(s.length, i + 12))}"`, at + i);
    out += s.slice(from, i) + ch;
    from = semi + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Line ends as an XML parser gives them in text: \r\n and \r become \n. */
const normaliseEol = (s: string) => (s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n'));

/** Attribute values: line ends and tabs become spaces (XML 1.0 §3.3.3, before references are replaced). */
const normaliseAttr = (s: string) => (/[\t\n\r]/.test(s) ? s.replace(/\r\n|[\t\n\r]/g, ' ') : s);

export interface XmlHandler {
  /**
   * an element starts (`x` describes it during this call); `empty` for `<x/>`, whose `close` follows at once.
   * For an element with content it may read part of that content itself and return where the scan goes on:
   * an offset at or after `x.contentFrom` where a tag of the content's level starts, all before it checked
   * as the scan would check it (well-formed, whole elements only; `x.checked` says what is left to it).
   */
  open(x: XmlScanner, empty: boolean): number | void;
  /** an element ends (`x.is`, `x.name` describe it) */
  close(x: XmlScanner): void;
  /** whether text here is wanted (most text is the white space between elements); default: no */
  wantText?(): boolean;
  /**
   * text inside an element, at [from, to) of `x.xml` (`x.text(from, to)` gives it decoded); `cdata` for a
   * CDATA section, whose characters are the text as they stand
   */
  text?(x: XmlScanner, from: number, to: number, cdata: boolean): void;
}

/**
 * Whether `xml` holds `<![CDATA[`: found by its rarer tail `[CDATA[` (a search for the whole, starting with the
 * `<` every element starts with, took 17 ms over a 24 MB records sheet; this one 3 ms).
 */
function hasCdata(xml: string): boolean {
  for (let at = xml.indexOf('[CDATA['); at >= 0; at = xml.indexOf('[CDATA[', at + 1)) if (xml.startsWith('<!', at - 2)) return true;
  return false;
}

/** Characters XML 1.0 does not allow (C0 controls but tab and line ends; U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point
const BAD_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F]|\xEF\xBF[\xBE\xBF]/;
/** An `&` that starts no entity reference: a character reference (checked where it is met) or a stray `&`. */
const BAD_REF = /&(?!(?:amp|lt|gt|quot|apos);)/g;
/** A character reference, where an `&` BAD_REF met stands. */
const CHAR_REF = /&#(x[0-9a-fA-F]+|[0-9]+);/y;
/**
 * The rest of a start tag after its name: attributes (name = quoted value, white space before each), then
 * `>` or `/>`. Tested natively (no match array is made), it replaces a character loop that runs slowly
 * before V8 has compiled it, which is most of a short process's life.
 */
const TAG_REST = /(?:[ \t\n\r]+[^ \t\n\r=<>/"'&]+[ \t\n\r]*=[ \t\n\r]*(?:"[^"<]*"|'[^'<]*'))*[ \t\n\r]*\/?>/y;

/** Scans one XML text; `scan` calls the handler. */
export class XmlScanner {
  /** the current element's local name (after a prefix such as `x:`) */
  local = '';
  /** the current element's name as written */
  name = '';
  /** where the current start tag's attributes are: after the name, up to `>` or `/>` */
  private attrFrom = 0;
  private attrTo = 0;
  /** where the value of the attribute `seek` found is, as written: start and end */
  valueFrom = 0;
  valueTo = 0;
  /** where the current start tag ends: after its `>` (an element's content starts there) */
  contentFrom = 0;
  /**
   * The checks of the whole text passed (characters, references, "]]>" outside CDATA): text without markup
   * is well-formed wherever it stands. False in a text with CDATA sections, whose text the scan checks piece by piece.
   */
  checked = false;
  /** next ']]>' at or after a position (only searched when the text has CDATA sections) */
  private nextCdEnd = -1;

  /** the part's bytes (UTF-8) */
  readonly bytes: Buffer;
  /**
   * the bytes as a Latin-1 string, one character per byte: XML's syntax is ASCII, so tags, names and numbers
   * read the same as in the decoded text, at byte offsets; the conversion is a copy (decoding UTF-8 would cost
   * as much as the scan) and the string is one byte per character. Text is decoded from `bytes` when read.
   */
  readonly xml: string;

  constructor(source: Buffer | string) {
    this.bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
    this.xml = this.bytes.toString('latin1');
  }

  /** whether the current element's local name is `local` */
  is(local: string): boolean {
    return this.local === local;
  }

  /**
   * Finds an attribute of the current start tag, walking its attributes from the first (TAG_REST checked
   * their syntax, so only '=' and the closing quote are searched for); `valueFrom`/`valueTo` then say where
   * its value is. No attribute list is built: most elements' attributes are never read.
   */
  seek(name: string): boolean {
    const { xml } = this;
    const end = this.attrTo;
    let p = this.attrFrom;
    while (p < end) {
      let c = xml.charCodeAt(p);
      while (c === 32 || c === 10 || c === 9 || c === 13) c = xml.charCodeAt(++p);
      if (p >= end) return false;
      const eq = xml.indexOf('=', p);
      let nameEnd = eq;
      for (c = xml.charCodeAt(nameEnd - 1); c === 32 || c === 10 || c === 9 || c === 13; c = xml.charCodeAt(--nameEnd - 1));
      let q = eq + 1;
      for (c = xml.charCodeAt(q); c === 32 || c === 10 || c === 9 || c === 13; c = xml.charCodeAt(++q));
      const close = xml.indexOf(c === DQUOTE ? '"' : "'", q + 1);
      if (nameEnd - p === name.length && xml.startsWith(name, p)) {
        this.valueFrom = q + 1;
        this.valueTo = close;
        return true;
      }
      p = close + 1;
    }
    return false;
  }

  /** where the name of the attribute `attrAfter` stands on is: start and end */
  nameFrom = 0;
  nameTo = 0;

  /**
   * Stands on the attribute of a start tag that begins at `from` (white space first), in a tag whose syntax
   * was checked (TAG_REST's); false at the tag's end, `nameFrom` then at its `>` or `/>`.
   */
  attrAfter(from: number): boolean {
    const { xml } = this;
    let p = from;
    let c = xml.charCodeAt(p);
    while (c === 32 || c === 10 || c === 9 || c === 13) c = xml.charCodeAt(++p);
    if (c === GT || c === SLASH) {
      this.nameFrom = p;
      return false;
    }
    const eq = xml.indexOf('=', p);
    let nameEnd = eq;
    for (c = xml.charCodeAt(nameEnd - 1); c === 32 || c === 10 || c === 9 || c === 13; c = xml.charCodeAt(--nameEnd - 1));
    let q = eq + 1;
    for (c = xml.charCodeAt(q); c === 32 || c === 10 || c === 9 || c === 13; c = xml.charCodeAt(++q));
    this.nameFrom = p;
    this.nameTo = nameEnd;
    this.valueFrom = q + 1;
    this.valueTo = xml.indexOf(c === DQUOTE ? '"' : "'", q + 1);
    return true;
  }

  /** all attributes of the current start tag, references replaced (for small parts: builds an object) */
  attributes(): Record<string, string> {
    const { xml } = this;
    const out: Record<string, string> = {};
    const end = this.attrTo;
    let p = this.attrFrom;
    for (;;) {
      while (p < end && isSpace(xml.charCodeAt(p))) p++;
      if (p >= end) return out;
      const eq = xml.indexOf('=', p);
      let nameEnd = eq;
      while (isSpace(xml.charCodeAt(nameEnd - 1))) nameEnd--;
      const name = this.bytes.toString('utf8', p, nameEnd);
      if (!this.seek(name)) return out;
      out[name] ??= this.attr(name)!;
      p = this.valueTo + 1;
    }
  }

  /** an attribute of the current start tag, references replaced; undefined when absent */
  attr(name: string): string | undefined {
    if (!this.seek(name)) return undefined;
    const v = normaliseAttr(this.bytes.toString('utf8', this.valueFrom, this.valueTo));
    return v.indexOf('&') >= 0 ? decodeRefs(v, this.valueFrom) : v;
  }

  /** whether an attribute's value is exactly `value` as written (compared in place) */
  attrIs(name: string, value: string): boolean {
    return this.seek(name) && this.valueTo - this.valueFrom === value.length && this.xml.startsWith(value, this.valueFrom);
  }

  /** the text at [from, to) with references replaced and line ends normalised (`cdata`: as it stands) */
  text(from: number, to: number, cdata = false): string {
    // line ends first: a carriage return written as &#13; stays one
    const raw = normaliseEol(this.bytes.toString('utf8', from, to));
    return !cdata && raw.indexOf('&') >= 0 ? decodeRefs(raw, from) : raw;
  }

  /** whether [from, to) holds no reference and no carriage return, so that its characters are its text */
  plain(from: number, to: number): boolean {
    const { xml } = this;
    for (let i = from; i < to; i++) {
      const c = xml.charCodeAt(i);
      if (c === AMP || c === 13) return false;
    }
    return true;
  }

  /** The first fault of a start tag TAG_REST refused, found character by character (only on this path). */
  private tagError(lt: number, p: number): XmlError {
    const { xml } = this;
    const n = xml.length;
    const name = xml.slice(lt + 1, p);
    for (;;) {
      const before = p;
      while (p < n && isSpace(xml.charCodeAt(p))) p++;
      if (p >= n) return new XmlError(`unclosed tag <${name}>`, lt);
      const ch = xml.charCodeAt(p);
      if (ch === GT) return new XmlError(`bad start tag <${name}>`, lt);
      if (ch === SLASH) return new XmlError(`"/" not followed by ">" in <${name}>`, p);
      if (p === before || !startsName(ch)) return new XmlError(`a bad attribute in <${name}>`, p);
      const a0 = p;
      while (p < n && !endsName(xml.charCodeAt(p))) p++;
      const attr = xml.slice(a0, p);
      while (p < n && isSpace(xml.charCodeAt(p))) p++;
      if (xml.charCodeAt(p) !== EQ) return new XmlError(`attribute ${attr} without a value in <${name}>`, p);
      p++;
      while (p < n && isSpace(xml.charCodeAt(p))) p++;
      const q = xml.charCodeAt(p);
      if (q !== DQUOTE && q !== SQUOTE) return new XmlError(`attribute ${attr} not quoted in <${name}>`, p);
      const close = xml.indexOf(q === DQUOTE ? '"' : "'", p + 1);
      if (close < 0) return new XmlError(`unclosed attribute ${attr} in <${name}>`, p);
      const lessThan = xml.indexOf('<', p + 1);
      if (lessThan >= 0 && lessThan < close) return new XmlError(`"<" in the value of ${attr} in <${name}>`, p);
      p = close + 1;
    }
  }

  /** names met, by a hash of their characters: a part repeats a few names thousands of times */
  private readonly names = new Map<number, string>();

  /** The name at [from, to): the same string each time it recurs (no new string per element). */
  private intern(from: number, to: number): string {
    const { xml } = this;
    let h = to - from;
    for (let k = from; k < to; k++) h = (h * 31 + xml.charCodeAt(k)) | 0;
    const known = this.names.get(h);
    if (known !== undefined && known.length === to - from && xml.startsWith(known, from)) return known;
    const name = xml.slice(from, to);
    this.names.set(h, name);
    return name;
  }

  /** Whether `at` is inside a comment, a CDATA section or a processing instruction (where & is only a character). */
  private inSection(at: number): boolean {
    const { xml } = this;
    for (const [open, close] of [
      ['<!--', '-->'],
      ['<![CDATA[', ']]>'],
      ['<?', '?>'],
    ]) {
      const start = xml.lastIndexOf(open, at);
      if (start >= 0 && xml.indexOf(close, start + open.length) > at) return true;
    }
    return false;
  }

  /** Checks of the whole text, each one native search: characters, references, "]]>" outside CDATA. */
  private precheck(): boolean {
    const { xml } = this;
    const bad = BAD_CHAR.exec(xml);
    if (bad) throw new XmlError(`a character XML does not allow (bytes ${Buffer.from(bad[0], 'latin1').toString('hex')})`, bad.index);
    // an & that starts no reference is an error, unless it stands in a comment, CDATA section or processing instruction
    // one pass over the &s: a stray & is named first, then the first character reference out of range
    let outOfRange: XmlError | undefined;
    BAD_REF.lastIndex = 0;
    for (let ref = BAD_REF.exec(xml); ref; ref = BAD_REF.exec(xml)) {
      CHAR_REF.lastIndex = ref.index;
      const m = CHAR_REF.exec(xml);
      if (m) {
        const code = m[1][0] === 'x' ? parseInt(m[1].slice(1), 16) : parseInt(m[1], 10);
        if (!(code >= 1 && code <= 0x10ffff)) outOfRange ??= new XmlError(`character reference ${m[0]} out of range`, m.index);
      } else if (!this.inSection(ref.index)) throw new XmlError(`stray & "${xml.slice(ref.index, ref.index + 12)}"`, ref.index);
    }
    if (outOfRange) throw outOfRange;
    const cdata = hasCdata(xml);
    if (!cdata && xml.indexOf(']]>') >= 0) throw new XmlError('"]]>" in text', xml.indexOf(']]>'));
    return cdata;
  }

  /**
   * Calls the handler for each element and wanted text.
   * @throws XmlError where the text stops being well-formed XML
   */
  scan(h: XmlHandler): void {
    const { xml } = this;
    const n = xml.length;
    const cdata = this.precheck();
    this.checked = !cdata;
    /** open elements: names as written, and local names */
    const names: string[] = [];
    const locals: string[] = [];
    let rootSeen = false;
    let i = xml.startsWith('\xEF\xBB\xBF') ? 3 : 0; // a byte-order mark
    const wantText = h.text !== undefined && h.wantText !== undefined;

    for (;;) {
      const lt = xml.indexOf('<', i);
      const end = lt < 0 ? n : lt;
      if (end > i) {
        if (names.length === 0) {
          for (let k = i; k < end; k++) if (!isSpace(xml.charCodeAt(k))) throw new XmlError('text outside the root element', k);
        } else {
          if (cdata) {
            if (this.nextCdEnd !== -2 && this.nextCdEnd < i) {
              const at = xml.indexOf(']]>', i);
              this.nextCdEnd = at < 0 ? -2 : at;
            }
            if (this.nextCdEnd >= 0 && this.nextCdEnd < end) throw new XmlError('"]]>" in text', this.nextCdEnd);
          }
          if (wantText && h.wantText!()) h.text!(this, i, end, false);
        }
      }
      if (lt < 0) break;
      const c = xml.charCodeAt(lt + 1);
      if (c === SLASH) {
        const top = names.pop();
        if (top === undefined) throw new XmlError('an end tag without a start tag', lt);
        let p = lt + 2 + top.length;
        if (!xml.startsWith(top, lt + 2) || !(isSpace(xml.charCodeAt(p)) || xml.charCodeAt(p) === GT)) {
          const gt = xml.indexOf('>', lt);
          throw new XmlError(`end tag ${xml.slice(lt, gt < 0 ? lt + 20 : gt + 1)} does not match <${top}>`, lt);
        }
        while (isSpace(xml.charCodeAt(p))) p++;
        if (xml.charCodeAt(p) !== GT) throw new XmlError(`unclosed end tag </${top}>`, lt);
        this.name = top;
        this.local = locals.pop()!;
        h.close(this);
        i = p + 1;
      } else if (c === QMARK) {
        const at = xml.indexOf('?>', lt + 2);
        if (at < 0) throw new XmlError('unclosed processing instruction', lt);
        i = at + 2;
      } else if (c === BANG) {
        if (xml.startsWith('<!--', lt)) {
          const at = xml.indexOf('-->', lt + 4);
          if (at < 0) throw new XmlError('unclosed comment', lt);
          i = at + 3;
        } else if (xml.startsWith('<![CDATA[', lt)) {
          if (names.length === 0) throw new XmlError('CDATA outside the root element', lt);
          const at = xml.indexOf(']]>', lt + 9);
          if (at < 0) throw new XmlError('unclosed CDATA section', lt);
          if (wantText && h.wantText!()) h.text!(this, lt + 9, at, true);
          i = at + 3;
        } else if (xml.startsWith('<!DOCTYPE', lt) && !rootSeen) {
          // an internal subset ends with "]>"; entities it declares are not supported (BAD_REF refuses them)
          const bracket = xml.indexOf('[', lt);
          const gt = xml.indexOf('>', lt);
          const at = bracket >= 0 && bracket < gt ? xml.indexOf(']>', bracket) + 1 : gt;
          if (at <= 0) throw new XmlError('unclosed DOCTYPE', lt);
          i = at + 1;
        } else throw new XmlError('"<!" that is no comment, CDATA or DOCTYPE', lt);
      } else {
        // a start tag: <name attr="v" …> or <name … />
        if (!startsName(c)) throw new XmlError('"<" that starts no tag', lt);
        if (names.length === 0 && rootSeen) throw new XmlError('a second root element', lt);
        let p = lt + 2;
        let colon = -1;
        let ch = xml.charCodeAt(p);
        for (; p < n && ENDS_NAME[ch & 255] === 0; ch = xml.charCodeAt(++p)) if (ch === COLON) colon = p;
        let gt: number;
        // most start tags of a sheet are <v>, <f> or a name and its attributes: `>` or `/>` right after the name
        // needs no regular expression
        if (ch === GT) gt = p + 1;
        else if (ch === SLASH && xml.charCodeAt(p + 1) === GT) gt = p + 2;
        else {
          TAG_REST.lastIndex = p;
          if (!TAG_REST.test(xml)) throw this.tagError(lt, p);
          gt = TAG_REST.lastIndex;
        }
        const empty = xml.charCodeAt(gt - 2) === SLASH;
        this.name = this.intern(lt + 1, p);
        this.local = colon < 0 ? this.name : this.intern(colon + 1, p);
        this.attrFrom = p;
        this.attrTo = empty ? gt - 2 : gt - 1;
        this.contentFrom = gt;
        rootSeen = true;
        const read = h.open(this, empty);
        if (empty) h.close(this);
        else {
          names.push(this.name);
          locals.push(this.local);
        }
        i = !empty && typeof read === 'number' && read >= gt ? read : gt;
      }
    }
    if (names.length > 0) throw new XmlError(`unclosed tag <${names[names.length - 1]}>`, n);
    if (!rootSeen) throw new XmlError('no root element', n);
  }
}

/** Scans `xml` with `h` (see `XmlScanner.scan`). */
export function scanXml(xml: string, h: XmlHandler): void {
  new XmlScanner(xml).scan(h);
}
