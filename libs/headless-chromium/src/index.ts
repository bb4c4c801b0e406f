export * from './lib/chromium';
