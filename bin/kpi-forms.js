#!/usr/bin/env node
/**
 * `kpi-forms`: runs the compiled command line (cli/dist/main.js, built by `npm ci`/`npm install` through
 * `prepare`, and by `npm test`). When that file is missing or older than a source file (a developer editing
 * src/ without rebuilding), it runs src/cli/main.ts through tsx instead, so the command is never stale.
 * The compiled file is loaded with V8's code cache made at build time (bin/load-compiled.js).
 */
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'cli', 'dist', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.tsx?$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

async function load() {
  let built = 0;
  let stat;
  try {
    stat = fs.statSync(compiled);
    built = stat.mtimeMs;
  } catch {
    built = 0;
  }
  const src = path.join(root, 'src');
  if (built > 0 && (!fs.existsSync(src) || newestSource(src) <= built)) return require('./load-compiled').loadCompiled(compiled, stat);
  require('tsx/cjs');
  // main.ts loads each command's modules with import(): tsx's ESM hooks resolve those
  await import('tsx/esm');
  return require('../src/cli/main.ts');
}

const score = process.argv[2] === 'score';
/** `score`'s output went to a stream (process.stdout or process.stderr) rather than straight to its file descriptor */
let streamed = false;

/**
 * Writes `text` to file descriptor `fd` (1 or 2) at once. For `score`, whose output is one write: making
 * process.stdout for a pipe loads Node's stream and socket modules, a few percent of a whole `score`. A full
 * non-blocking pipe is waited for; any other failure (a closed pipe: EPIPE) goes to the stream as before.
 */
function writeTo(fd, stream, text) {
  if (streamed) return stream.write(text);
  const buf = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < buf.length) {
    try {
      at += fs.writeSync(fd, buf, at);
    } catch (e) {
      if (e.code !== 'EAGAIN') {
        streamed = true;
        return stream.write(buf.subarray(at));
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
  return true;
}

const scoreIO = {
  stdout: { write: (text) => writeTo(1, process.stdout, text) },
  stderr: { write: (text) => writeTo(2, process.stderr, text) },
};

/**
 * `score` ends as soon as its output is written: Node's orderly exit (the event loop's end, the heap torn down)
 * is a few percent of a whole `score`. Only when nothing is left to write (written at once, or the streams
 * empty); otherwise, and for the other commands, Node exits as usual.
 */
function done(code) {
  process.exitCode = code;
  if (score && (!streamed || (process.stdout.writableLength === 0 && process.stderr.writableLength === 0))) process.exit(code);
}

// A reader that closes early (`kpi-forms records F | head`) wants no more: end quietly, as a Unix tool ends on SIGPIPE,
// with the command's exit code if it has one (Node would throw "Unhandled 'error' event: write EPIPE" with a trace)
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw e;
  });

load()
  .then((cli) => (score ? cli.run(process.argv.slice(2), scoreIO) : cli.run(process.argv.slice(2))))
  .then(
    (code) => done(code),
    (e) => {
      process.stderr.write(`kpi-forms: ${e && e.message ? e.message : e}\n`);
      process.exitCode = 1;
    },
  );
