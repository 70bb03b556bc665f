/**
 * The scenario file format (kb/scenarios/*.yaml): a small declarative list of edits to the
 * knowledge base, the datasets' in-memory inputs and the corridor network, each labelled as a
 * sourced fact or a stated assumption, plus uncertain parameters an ensemble samples.
 */
import { z } from 'zod';
import { editSchema as corridorEditSchema } from '../framework/corridors/schema.ts';
import { membershipRoles } from '../kb/schema.ts';

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.+-]*$/, 'ids are letters, digits, dots, plus and hyphens');
const iso3 = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166 alpha-3 code such as AZE');
const actor = z.string().min(2);
const year = z.number().int('a year is a whole number');
const fraction = z.number().min(0, 'a fraction is between 0 and 1').max(1, 'a fraction is between 0 and 1');

/** The operations, one key per edit. */
export const OPS = {
  add_membership: z.strictObject({
    state: iso3,
    org: id,
    role: z.enum(membershipRoles).default('member'),
    to: year.optional(),
  }),
  end_membership: z.strictObject({ state: iso3.optional(), org: id.optional(), fact: id.optional() }),
  add_security: z.strictObject({
    provider: actor,
    recipient: actor,
    subtype: z.enum([
      'defence-pact',
      'mutual-assistance',
      'foreign-base',
      'peacekeeping',
      'military-cooperation',
      'security-guarantee',
    ]),
    obligation: z.enum(['defence', 'consultation', 'non-aggression', 'basing', 'peacekeeping']),
    to: year.optional(),
  }),
  end_security: z.strictObject({
    provider: actor.optional(),
    recipient: actor.optional(),
    fact: id.optional(),
  }),
  add_rounds: z.strictObject({
    conflict: id,
    parties: z.array(iso3).min(1),
    format: z.enum(['direct', 'mediated', 'facilitated']),
    mediators: z.array(actor).default([]),
    declined: z.array(iso3).default([]),
    per_year: z.number().int().min(1).max(12).default(1),
    to: year.optional(),
    level: z
      .enum(['leaders', 'foreign-ministers', 'deputies', 'commissions', 'other'])
      .default('foreign-ministers'),
    venue: z.string().min(2).default('scenario venue'),
  }),
  round_format: z.strictObject({
    conflict: id,
    format: z.enum(['direct', 'mediated', 'facilitated']),
    mediators: z.array(actor).default([]),
  }),
  ideal_point: z.strictObject({ state: iso3, toward: z.string().min(2), fraction }),
  arms_scale: z.strictObject({
    recipient: iso3,
    supplier: iso3.optional(),
    factor: z.number().min(0, 'a factor is ≥ 0'),
  }),
  arms_redirect: z.strictObject({ recipient: iso3, from: iso3, to: iso3, share: fraction }),
  add_hosting: z.strictObject({
    host: iso3,
    parties: z.array(actor).min(2),
    subtype: z.enum(['talks', 'good-offices-offer']).default('talks'),
    per_year: z.number().int().min(1).max(12).default(1),
    to: year.optional(),
  }),
  add_agreement: z.strictObject({
    parties: z.array(actor).min(2),
    subtype: z.enum([
      'association-agreement',
      'action-plan',
      'strategic-partnership',
      'energy-memorandum',
      'peace-agreement',
      'border-protocol',
      'other',
    ]),
    summary: z.string().min(3),
    to: year.optional(),
  }),
  corridor: z.strictObject({
    scenario: id.optional(),
    edits: z.array(corridorEditSchema).optional(),
    to: year.optional(),
  }),
} as const;
export type OpName = keyof typeof OPS;
export const OP_NAMES = Object.keys(OPS) as OpName[];
export type OpBody<K extends OpName> = z.output<(typeof OPS)[K]>;

/** What each operation can move (the static trace; the runner also measures each edit's own effect). */
export const TOUCHES: Record<OpName, string[]> = {
  add_membership: ['voice', 'commitments', 'posture'],
  end_membership: ['voice', 'commitments', 'posture'],
  add_security: ['commitments', 'posture'],
  end_security: ['commitments', 'posture'],
  add_rounds: ['mediation'],
  round_format: ['mediation'],
  ideal_point: ['alignment'],
  arms_scale: ['dependence'],
  arms_redirect: ['dependence'],
  add_hosting: ['gatekeeper'],
  add_agreement: ['posture'],
  corridor: ['gatekeeper'],
};

export const editMetaSchema = z.strictObject({
  basis: z.enum(['fact', 'assumption']),
  sources: z.array(z.string().min(1)).optional(),
  rationale: z.string().min(3).optional(),
  year: year.optional(),
  note: z.string().optional(),
});

export const distributionSchema = z.union([
  z.strictObject({
    dist: z.literal('uniform'),
    min: z.number(),
    max: z.number(),
    note: z.string().optional(),
  }),
  z.strictObject({
    dist: z.literal('normal'),
    mean: z.number(),
    sd: z.number().nonnegative(),
    min: z.number().optional(),
    max: z.number().optional(),
    note: z.string().optional(),
  }),
  z.strictObject({
    dist: z.literal('triangular'),
    min: z.number(),
    mode: z.number(),
    max: z.number(),
    note: z.string().optional(),
  }),
  z.strictObject({
    dist: z.literal('choice'),
    options: z.array(z.union([z.string(), z.number()])).min(1),
    weights: z.array(z.number().nonnegative()).optional(),
    note: z.string().optional(),
  }),
]);
export type Distribution = z.output<typeof distributionSchema>;

export const scenarioHeadSchema = z.strictObject({
  id,
  title: z.string().min(3),
  summary: z.string().min(3),
  from: year,
  compose: z.array(id).default([]),
  sources: z.array(z.string().min(1)).default([]),
  uncertain: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_]*$/, 'parameter names are lower-case letters, digits and _'),
      distributionSchema,
    )
    .default({}),
  edits: z.array(z.unknown()).default([]),
  note: z.string().optional(),
});
export type ScenarioHead = z.output<typeof scenarioHeadSchema>;

export type EditBody = { [K in OpName]: { op: K; body: OpBody<K> } }[OpName];
