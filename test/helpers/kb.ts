import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultKbDir } from '../../src/kb/knowledge-base.ts';
import { tempDir } from './paths.ts';

/** A scratch knowledge base: the real registry, bibliography and organisations, plus the files given. */
export function scratchKb(files: Record<string, string>, withOrganisations = false): string {
  const dir = tempDir('ic-kb-');
  cpSync(join(defaultKbDir, 'states.yaml'), join(dir, 'states.yaml'));
  cpSync(join(defaultKbDir, 'sources.yaml'), join(dir, 'sources.yaml'));
  if (withOrganisations) {
    cpSync(join(defaultKbDir, 'organisations.yaml'), join(dir, 'organisations.yaml'));
    cpSync(join(defaultKbDir, 'sources'), join(dir, 'sources'), { recursive: true });
    if (existsSync(join(defaultKbDir, 'organisations')))
      cpSync(join(defaultKbDir, 'organisations'), join(dir, 'organisations'), { recursive: true });
  }
  mkdirSync(join(dir, 'facts'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
