export * from './lib/territory';
export * from './lib/division-record';
export * from './lib/generate-territory';
export * from './lib/territory-presets';
export * from './lib/level-labels';
export * from './lib/departments';
export * from './lib/data/hengkou-villages';
export * from './lib/data/baohe-communities';
export { mulberry32 } from './lib/random';
