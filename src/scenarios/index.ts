export * from './schema.ts';
export * from './load.ts';
export * from './overlay.ts';
export * from './point.ts';
export * from './run.ts';
export * from './ensemble.ts';
export * from './hooks.ts';
