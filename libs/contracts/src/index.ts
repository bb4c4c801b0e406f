export * from './lib/vocabulary';
export * from './lib/api';
