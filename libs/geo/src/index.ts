export * from './lib/distance';
