export * from './lib/vocabulary';
export * from './lib/api';
export * from './lib/cases';
export * from './lib/realtime';
export * from './lib/calendar';
export * from './lib/category-fields';
export * from './lib/case-map';
export * from './lib/assessment';
