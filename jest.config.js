/**
 * unit: the TypeScript core, directly. bundle: dist/Code.js loaded by gas-local over the fakes.
 * browser: the built sidebar in Debian's Chromium. `npm test` builds dist/ first.
 */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
  reporters: ['default', '<rootDir>/test/summaryReporter.js'],
};
