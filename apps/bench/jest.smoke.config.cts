/**
 * The benchmark scenarios at a small size (`nx run bench:e2e`, in `npm test`): the built API on a fresh
 * database (embedded PostgreSQL, or DATABASE_URL's server). Full size: `npm run bench`.
 */
module.exports = {
  displayName: 'bench-smoke',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testMatch: ['<rootDir>/src/**/*.smoke-spec.ts'],
  testTimeout: 300_000,
};
