// The signed-request scheme of integration clients (DESIGN §7a), both ways, and a 12345 hotline simulator
// for tests, benchmarks and demos (ADR 0014).
export * from './lib/signature';
export * from './lib/signed-post';
export * from './lib/hotline-simulator';
