export * from './permissions.js';
export * from './errors.js';
export * from './schemas.js';
export * from './messages.js';
