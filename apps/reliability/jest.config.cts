/**
 * Fault tests: the built API as real processes (two instances, kill -9, SIGTERM), a private embedded
 * PostgreSQL that is stopped and started, a private redis-server that is killed and restarted. See README.md.
 */
module.exports = {
  displayName: 'reliability',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.fault-spec.ts'],
  testTimeout: 120_000,
};
