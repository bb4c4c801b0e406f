import { afterLoginFailure, LOGIN_LOCK_MS, LOGIN_LOCK_THRESHOLD, loginGate, loginSourceOf, retryDelayMs, type LoginFailureState } from './login-attempts';

const T0 = new Date('2026-12-07T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('login attempts per account and source', () => {
  it.each([
    [1, 0],
    [2, 1000],
    [3, 2000],
    [4, 4000],
  ])('after %i failures the next attempt waits %i ms', (failures, delay) => {
    expect(retryDelayMs(failures)).toBe(delay);
  });

  it('slows down, then locks on the threshold, and the lock ends by itself', () => {
    let state: LoginFailureState | null = null;
    let now = T0;
    for (let i = 1; i < LOGIN_LOCK_THRESHOLD; i++) {
      expect(loginGate(state, now)).toEqual({ allowed: true });
      state = afterLoginFailure(state, now);
      expect(state).toMatchObject({ failures: i, locked: false });
      if (i >= 2) expect(loginGate(state, at(now.getTime() - T0.getTime() + 1))).toMatchObject({ allowed: false, reason: 'slowed' });
      now = state.nextAttemptAt;
    }
    const locked = afterLoginFailure(state, now);
    expect(locked).toMatchObject({ locked: true, failures: 0, lockedUntil: new Date(now.getTime() + LOGIN_LOCK_MS) });
    expect(loginGate(locked, new Date(now.getTime() + LOGIN_LOCK_MS - 1))).toMatchObject({ allowed: false, reason: 'locked' });
    const after = new Date(now.getTime() + LOGIN_LOCK_MS);
    expect(loginGate(locked, after)).toEqual({ allowed: true });
    // After a lock the count starts again.
    expect(afterLoginFailure(locked, after)).toMatchObject({ failures: 1, locked: false, lockedUntil: null });
  });

  it('forgets failures older than a quarter of an hour', () => {
    const state = afterLoginFailure(afterLoginFailure(null, T0), at(1000));
    expect(afterLoginFailure(state, at(16 * 60_000))).toMatchObject({ failures: 1 });
  });

  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    [null, 'unknown'],
    ['', 'unknown'],
  ])('counts %j as %j', (ip, source) => {
    expect(loginSourceOf(ip)).toBe(source);
  });
});
