export * from './lib/vocabulary';
export * from './lib/api';
export * from './lib/cases';
export * from './lib/realtime';
export * from './lib/patrols';
export * from './lib/assessment';
export * from './lib/calendar';
