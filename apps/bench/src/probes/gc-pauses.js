// Preloaded into the API (BENCH_API_NODE_ARGS="--require <this file>", with BENCH_TRACE_DIR set): every GC pause,
// as [epoch ms, duration ms, kind], written to $BENCH_TRACE_DIR/gc.json when the process exits.
const { PerformanceObserver, constants } = require('node:perf_hooks');
const fs = require('node:fs');
const path = require('node:path');

const KINDS = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks' };
const pauses = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push([performance.timeOrigin + entry.startTime, entry.duration, KINDS[entry.detail.kind] ?? String(entry.detail.kind)]);
}).observe({ entryTypes: ['gc'] });
process.on('exit', () => fs.writeFileSync(path.join(process.env.BENCH_TRACE_DIR, 'gc.json'), JSON.stringify(pauses)));
