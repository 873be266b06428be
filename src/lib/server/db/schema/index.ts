// Every table, by area. drizzle-kit reads this file to generate migrations.
export * from './core';
export * from './payments';
export * from './standin';
export * from './accounts';
export * from './promises';
export * from './plans';
export * from './api';
export * from './support';
export * from './video';
export * from './outreach';
export * from './push';
export * from './handover';
export * from './webhooks';
export * from './bank';
export * from './tenants';
export * from './assistant';
export * from './segments';
