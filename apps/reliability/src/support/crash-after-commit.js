/**
 * Preloaded into an API process (NODE_OPTIONS=--require …) to kill it at the worst moment: right after
 * PostgreSQL committed a write containing CRASH_MARKER (its COMMIT confirmed, or the statement itself
 * when it ran outside a transaction), before the server could push anything or answer. The fault of
 * "the process died between commit and emit".
 */
const { Client } = require('pg');

const marker = process.env.CRASH_MARKER;
const inTransaction = new WeakSet();
const armed = new WeakSet();
const query = Client.prototype.query;

const die = () => process.kill(process.pid, 'SIGKILL');

Client.prototype.query = function (config, values, callback) {
  const text = String(typeof config === 'string' ? config : (config && config.text) || '').trim().toUpperCase();
  const params = Array.isArray(values) ? values : (config && config.values) || [];
  // Reports go as parallel arrays of columns (several reports may share one statement): look inside them.
  const marked = Boolean(marker) && params.flat(2).some((v) => typeof v === 'string' && v.includes(marker));
  if (text.startsWith('BEGIN') || text.startsWith('START TRANSACTION')) inTransaction.add(this);
  const committing = text === 'COMMIT' && armed.has(this);
  if (text === 'COMMIT' || text === 'ROLLBACK') inTransaction.delete(this);
  const killAfter = committing || (marked && !inTransaction.has(this));
  if (marked && inTransaction.has(this)) armed.add(this);
  if (!killAfter) return query.call(this, config, values, callback);
  // pg.Pool calls with a callback, TypeORM awaits the promise: die before either learns of the success.
  if (typeof values === 'function') return query.call(this, config, (error, result) => (error ? values(error, result) : die()));
  if (typeof callback === 'function') return query.call(this, config, values, (error, result) => (error ? callback(error, result) : die()));
  return query.call(this, config, values).then(die);
};
