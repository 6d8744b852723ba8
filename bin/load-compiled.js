/**
 * Loads the compiled command line (cli/dist/main.js) as `require` would, but with V8's code cache
 * (cli/dist/main.js.cache, written by scripts/build-cli.mjs after a sample run of `new` and `score`): the
 * functions a command runs are then not parsed and compiled at every start, which is a fifth of a short
 * `kpi-forms score`.
 *
 * The cache is used only for the main.js it was made from: its header holds main.js's size and mtime,
 * because V8 itself checks only the source's length. A missing, foreign or stale cache, or one V8 rejects
 * (another Node version or V8 flags), costs the compile time and nothing else.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

/** header: 'KPIC', version 1, main.js's size and mtimeMs (float64) */
const MAGIC = 0x4349504b;
const HEADER = 24;

const cacheFileOf = (file) => `${file}.cache`;

/** The V8 code cache for `file` as it is now (`stat`), or undefined. */
function readCache(file, stat) {
  let buf;
  try {
    buf = fs.readFileSync(cacheFileOf(file));
  } catch {
    return undefined;
  }
  if (buf.length <= HEADER || buf.readUInt32LE(0) !== MAGIC || buf.readUInt32LE(4) !== 1) return undefined;
  if (buf.readDoubleLE(8) !== stat.size || buf.readDoubleLE(16) !== stat.mtimeMs) return undefined;
  return buf.subarray(HEADER);
}

/** Compiles and runs `file` as a CommonJS module (with `cachedData` when given); returns its module and script. */
function compile(file, cachedData) {
  const source = fs.readFileSync(file, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  // registered first, as require() does, so that a cycle back to the file finds it
  require.cache[file] = m;
  try {
    script.runInThisContext().call(m.exports, m.exports, Module.createRequire(file), m, file, path.dirname(file));
  } catch (e) {
    delete require.cache[file];
    throw e;
  }
  m.loaded = true;
  return { m, script };
}

/**
 * `require(file)` with the code cache when there is a valid one.
 * @param stat fs.statSync(file), already taken by the caller
 */
function loadCompiled(file, stat) {
  if (require.cache[file]) return require.cache[file].exports;
  const cached = readCache(file, stat);
  if (!cached) return require(file);
  return compile(file, cached).m.exports;
}

/**
 * Runs `file` as a module, awaits `work(exports)`, then writes the code cache of every function compiled
 * by then (build time: scripts/build-cli.mjs).
 */
async function writeCodeCache(file, work) {
  const stat = fs.statSync(file);
  const { m, script } = compile(file, undefined);
  await work(m.exports);
  const data = script.createCachedData();
  const header = Buffer.alloc(HEADER);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(1, 4);
  header.writeDoubleLE(stat.size, 8);
  header.writeDoubleLE(stat.mtimeMs, 16);
  fs.writeFileSync(cacheFileOf(file), Buffer.concat([header, data]));
  return data.length;
}

module.exports = { loadCompiled, writeCodeCache, cacheFileOf };
