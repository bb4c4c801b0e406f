/**
 * Preloaded into an API process (NODE_OPTIONS=--require …) to kill it at the worst moment: right after
 * PostgreSQL confirmed the COMMIT of a transaction that wrote a text containing CRASH_MARKER, before the
 * server could push anything or answer. The fault of "the process died between commit and emit".
 */
const { Client } = require('pg');

const marker = process.env.CRASH_MARKER;
const armed = new WeakSet();
const query = Client.prototype.query;

Client.prototype.query = function (config, values, callback) {
  const text = typeof config === 'string' ? config : config && config.text;
  if (marker && Array.isArray(values) && values.some((v) => typeof v === 'string' && v.includes(marker))) armed.add(this);
  const result = query.call(this, config, values, callback);
  if (text === 'COMMIT' && armed.has(this) && result && typeof result.then === 'function') {
    return result.then((value) => {
      process.kill(process.pid, 'SIGKILL');
      return value;
    });
  }
  return result;
};
