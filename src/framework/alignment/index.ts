export * from './types.ts';
export * from './subset.ts';
export * from './agreement.ts';
export * from './idealpoints.ts';
export * from './poles.ts';
export { loadUnvotes, loadBsvIdealPoints, type BsvRow } from './load.ts';
