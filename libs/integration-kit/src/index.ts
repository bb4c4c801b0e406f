// The signed-request scheme of integration clients (DESIGN §7a), both ways, a 12345 hotline simulator and a sensor
// platform for tests, benchmarks and demos (ADR 0014, ADR 0019).
export * from './lib/signature';
export * from './lib/signed-post';
export * from './lib/hotline-simulator';
export * from './lib/sensor-platform';
