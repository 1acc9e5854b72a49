// The one schema barrel: drizzle.config.ts and both drivers read the tables from here.
export * from './auth';
export * from './learners';
export * from './progress';
export * from './workshops';
export * from './statistics';
