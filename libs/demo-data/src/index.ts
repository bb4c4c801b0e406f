export * from './lib/division-record';
export * from './lib/data/hengkou-villages';
export * from './lib/data/baohe-communities';
