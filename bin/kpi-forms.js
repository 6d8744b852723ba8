#!/usr/bin/env node
/**
 * `kpi-forms`: runs src/cli/main.ts through tsx's CommonJS hook, so `npx kpi-forms` works right
 * after `npm ci`, without a build step.
 */
'use strict';
require('tsx/cjs');
const { run } = require('../src/cli/main.ts');

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`kpi-forms: ${e && e.message ? e.message : e}\n`);
    process.exitCode = 1;
  },
);
