import { defaultConfig } from '../../src/framework/config.ts';
import type { FrameworkInputs } from '../../src/framework/inputs.ts';
import type { KnowledgeBase } from '../../src/kb/knowledge-base.ts';
import type { StateRegistry } from '../../src/states/registry.ts';

const none = (dataset: string) => ({
  data: new Map(),
  covers: null,
  provenance: { dataset, note: 'not loaded in this test' },
});

/** Inputs with no datasets: each test adds the rows it needs, so every expected value is hand-computed. */
export function emptyInputs(kb: KnowledgeBase, registry: StateRegistry): FrameworkInputs {
  return {
    kb,
    registry,
    config: defaultConfig,
    atop: none('atop'),
    ideal: none('unga_idealpoints'),
    nmc: none('cow_nmc'),
    contiguity: none('cow_contiguity'),
    arms: none('sipri_arms'),
    igo: none('cow_igo'),
    igoLast: new Map(),
    capabilityProxy: { data: new Map(), parts: new Map(), fit: null, covers: null, provenance: [] },
    conflicts: none('ucdp_acd'),
  };
}
