/** Jest: ts-jest for TypeScript; node by default, jsdom for task-pane tests (per-file docblock). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  // jest 30 cannot load office-addin-manifest's ESM entry (needed by office-addin-mock): use its CommonJS build.
  moduleNameMapper: {
    '^office-addin-manifest$': '<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js',
  },
  testTimeout: 120000,
};
