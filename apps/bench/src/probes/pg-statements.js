// Preloaded into the API (BENCH_API_NODE_ARGS="--require <this file>", with BENCH_TRACE_DIR set): every named
// statement on the pool, as [epoch ms, duration ms, name, group size (the length of its first array parameter)],
// written to $BENCH_TRACE_DIR/statements.json when the process exits.
const fs = require('node:fs');
const path = require('node:path');
const { Pool } = require(require.resolve('pg', { paths: [process.cwd()] }));

const statements = [];
const query = Pool.prototype.query;
Pool.prototype.query = function (config, ...rest) {
  const result = query.call(this, config, ...rest);
  if (!config?.name || !(result instanceof Promise)) return result;
  const started = performance.timeOrigin + performance.now();
  const group = (config.values ?? []).find(Array.isArray)?.length ?? 1;
  result.then(() => statements.push([started, performance.timeOrigin + performance.now() - started, config.name, group]), () => undefined);
  return result;
};
process.on('exit', () => fs.writeFileSync(path.join(process.env.BENCH_TRACE_DIR, 'statements.json'), JSON.stringify(statements)));
