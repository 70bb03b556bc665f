// Worker entry for scenario ensembles. Worker threads do not inherit the tsx loader of the main
// thread, so the entry registers it before importing the TypeScript module.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./ensemble.ts');
export default mod.default;
