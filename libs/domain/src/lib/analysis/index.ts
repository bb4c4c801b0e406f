export * from './normal-tail';
export * from './gi-star';
export * from './false-discovery';
export * from './hotspots';
export * from './recurrence';
export * from './analysis-period';
export * from './before-after';
export * from './weekly-trend';
