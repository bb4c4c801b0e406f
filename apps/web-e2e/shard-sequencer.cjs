// Splits the browser tests into shards of about equal time for `--shard=i/n` (jest's own split is by count, and
// one file, screenshots, takes a quarter of the run). Each shard runs with its own server, database and copy
// of the web build (support/test-server.ts), so any split is safe; the weights only balance the time.
const Sequencer = require('@jest/test-sequencer').default;
const path = require('node:path');

/** Seconds each file took in CI (2026-12-07); a file not listed counts as 20. */
const SECONDS = {
  'screenshots': 195, 'phone-field': 170, 'case-steps': 55, 'login': 47, 'admin-import-refusals': 46,
  'assessment': 46, 'state': 35, 'admin-rota': 29, 'admin-territory': 27, 'admin-categories': 25,
  'desk-fit': 24, 'admin-territory-edit': 23, 'desk': 21, 'command-map': 21, 'app-update': 20,
  'messages': 19, 'field-report': 17, 'patrol': 16, 'live-cases': 15, 'admin-people': 15, 'hotline': 14,
  'front-desk': 20, 'offline-start': 9, 'language': 8,
  // Added in session 11 (seconds on a loaded machine, to be replaced by CI's).
  'analysis': 60, 'assessment-reforms': 50, 'sensors': 30, 'residents': 15,
};
const weight = (test) => SECONDS[path.basename(test.path).replace(/\.e2e-spec\.ts$/, '')] ?? 20;

class ShardSequencer extends Sequencer {
  shard(tests, { shardIndex, shardCount }) {
    const loads = Array.from({ length: shardCount }, () => ({ seconds: 0, tests: [] }));
    // Longest first, each to the lightest shard; ties by path, so every shard computes the same split.
    const ordered = [...tests].sort((a, b) => weight(b) - weight(a) || a.path.localeCompare(b.path));
    for (const test of ordered) {
      const lightest = loads.reduce((min, load) => (load.seconds < min.seconds ? load : min));
      lightest.seconds += weight(test);
      lightest.tests.push(test);
    }
    return loads[shardIndex - 1].tests;
  }
}

module.exports = ShardSequencer;
