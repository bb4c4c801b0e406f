import { loadConfig } from '../../config/app-config';
import { assertMayReadMetrics } from './metrics-access';

const TOKEN = 'a-metrics-token-0123456789';

describe('who may read /metrics', () => {
  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['203.0.113.9', false],
    ['::ffff:10.0.0.5', false],
    [undefined, false],
    ['not-an-ip', false],
  ])('without METRICS_TOKEN: a caller at %s → %s', (ip, allowed) => {
    const check = () => assertMayReadMetrics(undefined, undefined, ip);
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(/this machine only/);
  });

  it.each([
    [`Bearer ${TOKEN}`, true],
    [`bearer ${TOKEN}`, true],
    [`Bearer ${TOKEN}x`, false],
    ['Bearer wrong', false],
    [TOKEN, false],
    [undefined, false],
  ])('with METRICS_TOKEN: Authorization %s → %s, from anywhere', (header, allowed) => {
    const check = () => assertMayReadMetrics(TOKEN, header, '203.0.113.9');
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(/METRICS_TOKEN/);
  });

  it('reads METRICS_TOKEN from the environment; empty means unset, short is refused', () => {
    const base = { JWT_SECRET: 'x'.repeat(40) };
    expect(loadConfig({ ...base, METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    expect(loadConfig({ ...base, METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
  });
});
