export * from './lib/embedded-postgres';
export * from './lib/ensure-database';
