/**
 * Browser tests: the built API (serving the built web app) on a fresh database, driven by Debian's
 * Chromium through playwright-core. See README.md.
 */
module.exports = {
  displayName: 'web-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  testTimeout: 60_000,
  testSequencer: '<rootDir>/shard-sequencer.cjs',
};
