export * from './credentials.js';
export * from './lwa.js';
