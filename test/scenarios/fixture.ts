import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FrameworkSession } from '../../src/framework/session.ts';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { StateRegistry } from '../../src/states/registry.ts';
import { emptyInputs } from '../helpers/framework.ts';
import { scratchKb } from '../helpers/kb.ts';
import { tempDir } from '../helpers/paths.ts';

export const AZE = 373,
  ARM = 371,
  RUS = 365,
  USA = 2;
const src = 'sources: [un-member-states]';
/** A small world: AZE balanced (OTS member, direct and mediated rounds), ideal points and arms by hand. */
export const facts = `facts:
  - { id: r1, kind: negotiation, conflict: x, date: "2019-03-01", parties: [ARM, AZE], format: mediated,
      mediators: [USA], venue: Washington, level: leaders, outcome: talks held, ${src} }
  - { id: r2, kind: negotiation, conflict: x, date: "2020-03-01", parties: [ARM, AZE], format: mediated,
      mediators: [USA], venue: Washington, level: leaders, outcome: talks held, ${src} }
  - { id: m1, kind: membership, state: AZE, org: OTS, role: member, from: "2010", ${src} }
  - { id: m2, kind: membership, state: AZE, org: SCO, role: dialogue-partner, from: "2015", ${src} }
  - { id: h1, kind: hosting, host: AZE, parties: [USA, RUS], date: "2019-04-01", subtype: talks,
      summary: military chiefs met, ${src} }
  - { id: end, kind: statement, state: AZE, speaker: someone, date: "2021", topic: anything,
      claim: the last fact, ${src} }
`;

export function syntheticSession(): FrameworkSession {
  const kb = loadKnowledgeBase(scratchKb({ 'facts/test.yaml': facts }, true));
  const registry = StateRegistry.fromKnowledgeBase(kb);
  const inputs = emptyInputs(kb, registry);
  const ip = (x: number) => ({ ip: x, lo: x - 0.1, hi: x + 0.1, votes: 50 });
  const ideal = new Map<number, Map<number, ReturnType<typeof ip>>>([
    [
      USA,
      new Map([
        [2019, ip(2)],
        [2020, ip(2)],
        [2021, ip(2)],
      ]),
    ],
    [
      RUS,
      new Map([
        [2019, ip(-1)],
        [2020, ip(-1)],
        [2021, ip(-1)],
      ]),
    ],
    [
      AZE,
      new Map([
        [2019, ip(0.5)],
        [2020, ip(0.5)],
        [2021, ip(0.5)],
      ]),
    ],
  ]);
  const arms = new Map([
    [
      AZE,
      new Map(
        [2017, 2018, 2019, 2020, 2021].map((y) => [
          y,
          new Map([
            [RUS, 10],
            [666, 10],
          ]),
        ]),
      ),
    ],
  ]);
  return new FrameworkSession(
    {
      ...inputs,
      ideal: { data: ideal, covers: [2000, 2021], provenance: { dataset: 'test' } },
      arms: { data: arms, covers: [2000, 2021], provenance: { dataset: 'test' } },
    },
    null,
  );
}

/** Writes scenario files into a fresh directory and returns it. */
export function scenarioDir(files: Record<string, string>): string {
  const dir = tempDir('ic-scn-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
