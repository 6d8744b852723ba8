// ESLint flat config: eslint-plugin-office-addins (its recommended rules: Office.js load/sync mistakes, and
// Prettier through eslint-plugin-prettier with .prettierrc.json), typescript-eslint, eslint-plugin-react.
//
// The plugin's own `configs.recommended`/`configs.react` register their own copy of the @typescript-eslint
// plugin (typescript-eslint 8.8), which flat config refuses next to the project's typescript-eslint
// ("Cannot redefine plugin"). So the rules of its recommended config are taken as they are and applied
// with the project's plugins; office-addins/no-context-sync-in-loop is raised to an error.
import js from '@eslint/js';
import prettierConfig from 'eslint-config-prettier';
import officeAddins from 'eslint-plugin-office-addins';
import prettierPlugin from 'eslint-plugin-prettier';
import react from 'eslint-plugin-react';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const officeRecommended = officeAddins.configs.recommended.find((c) => c.rules && 'office-addins/no-context-sync-in-loop' in c.rules);
if (!officeRecommended) throw new Error('eslint-plugin-office-addins: its recommended rules were not found');

const officeGlobals = { Office: 'readonly', Excel: 'readonly', CustomFunctions: 'readonly', OfficeRuntime: 'readonly' };

export default tseslint.config(
  { ignores: ['dist/', '.tmp/', 'coverage/', 'out/', 'node_modules/', 'src/functions/functions.js'] },

  js.configs.recommended,
  ...tseslint.configs.recommended,
  // eslint-config-prettier turns off stylistic rules that Prettier owns (before the rules below).
  prettierConfig,

  {
    files: ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'],
    plugins: { 'office-addins': officeAddins, prettier: prettierPlugin },
    rules: {
      ...officeRecommended.rules,
      'office-addins/no-context-sync-in-loop': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // The office-addins rules recognise Office.js by method names (getRange, getCell, load, …). Tests and
    // scripts read ExcelJS workbooks and Office.js fakes synchronously, which those rules misread as
    // Office.js proxies; they stay on for the add-in's code (src/).
    files: ['test/**', 'scripts/**'],
    rules: Object.fromEntries(
      Object.keys(officeRecommended.rules)
        .filter((r) => r.startsWith('office-addins/'))
        .map((r) => [r, 'off']),
    ),
  },

  // React (task pane): recommended + the automatic JSX runtime (jsx: react-jsx); TypeScript checks props.
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'test/**/*.tsx'],
    ...react.configs.flat.recommended,
    settings: { react: { version: 'detect' } },
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'test/**/*.tsx'],
    ...react.configs.flat['jsx-runtime'],
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'test/**/*.tsx'],
    rules: { 'react/prop-types': 'off' },
  },

  // Where code runs.
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...officeGlobals } },
  },
  {
    files: ['scripts/**/*.{ts,js}', 'test/**/*.{ts,tsx}', 'bin/**/*.js', '*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Injected into the browser page by test/taskpane-browser.test.ts (a classic script).
    files: ['test/helpers/office-mock.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
);
