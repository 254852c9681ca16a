export * from './permissions.js';
export * from './errors.js';
export * from './schemas.js';
export * from './messages.js';
export * from './audit-actions.js';
export * from './permission-labels.js';
export * from './user-agent.js';
export * from './forms.js';
