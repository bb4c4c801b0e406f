import { loadConfig } from './app-config';

const base = { JWT_SECRET: 'x'.repeat(40) };

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, 'loopback'],
    ['loopback', 'loopback'],
    ['172.30.240.0/24', '172.30.240.0/24'],
    [' loopback , 10.0.0.5 ,fd00::/8', 'loopback,10.0.0.5,fd00::/8'],
    ['uniquelocal', 'uniquelocal'],
    ['', 'loopback'],
    ['none', false],
  ])('%j → %j', (value, expected) => {
    expect(loadConfig({ ...base, TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['true', '1', 'nginx', '10.0.0.0/33', '300.1.1.1', 'loopback,,10.0.0.1', 'none,10.0.0.1'])('refuses %j, naming the variable', (value) => {
    expect(() => loadConfig({ ...base, TRUST_PROXY: value })).toThrow(/TRUST_PROXY: /);
  });
});
