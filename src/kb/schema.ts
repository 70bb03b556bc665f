import { z } from 'zod';
import { isIsoDate } from './dates.ts';
import { linkProtocols } from './links.ts';

/**
 * YAML may hand us numbers for bare years (2021) or Dates for bare timestamps: accept both as ISO strings.
 */
const isoDate = z
  .union([z.string(), z.number().int(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)))
  .refine(isIsoDate, { message: 'expected a date YYYY, YYYY-MM or YYYY-MM-DD' });

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.+-]*$/, 'ids are letters, digits, dots, plus and hyphens');
const iso3 = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166 alpha-3 code such as AZE');
/** A party may be a state (ISO3) or an organisation id; which one is checked against the registries. */
const actor = z.string().min(2);
const text = z.string().min(3);

export const sourceSchema = z
  .strictObject({
    id,
    type: z.enum(['article', 'book', 'chapter', 'report', 'official', 'treaty', 'dataset', 'news', 'web']),
    author: z.string().min(2),
    title: z.string().min(3),
    container: z.string().optional(),
    date: isoDate.optional(),
    accessed: isoDate.optional(),
    url: z.url({ protocol: linkProtocols, error: 'a source URL must be http, https or doi' }).optional(),
    note: z.string().optional(),
  })
  .refine((s) => s.date !== undefined || s.accessed !== undefined, {
    message: 'a source needs its publication date, or for an undated web page the date it was accessed',
    path: ['date'],
  });

export const organisationSchema = z.strictObject({
  id,
  name: z.string().min(2),
  aliases: z.array(z.string()).default([]),
  kind: z.enum([
    'igo',
    'alliance',
    'economic-union',
    'format',
    'movement',
    'mediation-group',
    'partnership-programme',
  ]),
  founded: isoDate,
  dissolved: isoDate.optional(),
  decision_rule: z.enum([
    'consensus',
    'unanimity',
    'majority',
    'qualified-majority',
    'weighted-vote',
    'veto',
    'informal',
  ]),
  orientation: z.enum([
    'western',
    'russia-led',
    'china-led',
    'turkic',
    'islamic',
    'non-aligned',
    'universal',
    'regional',
  ]),
  scope: z.enum(['global', 'regional', 'subregional']),
  domains: z
    .array(
      z.enum([
        'security',
        'defence',
        'political',
        'economic',
        'energy',
        'cultural',
        'human-rights',
        'mediation',
      ]),
    )
    .min(1),
  parent: z.string().optional(),
  sources: z.array(z.string()).min(1),
  note: z.string().optional(),
});

const common = {
  id,
  sources: z.array(z.string()).min(1, 'every fact cites at least one source'),
  note: z.string().optional(),
  claimed_by: z.string().optional(),
  /**
   * When someone last checked that a fact with an open interval still holds (`kb check` flags stale ones).
   */
  reviewed: isoDate.optional(),
};

export const membershipRoles = [
  'member',
  'founding-member',
  'observer',
  'partner',
  'candidate',
  'applicant',
  'associate',
  'dialogue-partner',
  'suspended',
  'frozen',
  'withdrawn',
] as const;

export const factSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...common,
    kind: z.literal('membership'),
    state: iso3,
    org: id,
    role: z.enum(membershipRoles),
    from: isoDate,
    to: isoDate.optional(),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('chairmanship'),
    state: iso3,
    org: id,
    from: isoDate,
    to: isoDate.optional(),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('agreement'),
    parties: z.array(actor).min(2),
    date: isoDate,
    to: isoDate.optional(),
    subtype: z.enum([
      'association-agreement',
      'action-plan',
      'strategic-partnership',
      'energy-memorandum',
      'peace-agreement',
      'border-protocol',
      'other',
    ]),
    summary: text,
  }),
  z.strictObject({
    ...common,
    kind: z.literal('security'),
    subtype: z.enum([
      'defence-pact',
      'mutual-assistance',
      'foreign-base',
      'peacekeeping',
      'military-cooperation',
      'security-guarantee',
    ]),
    provider: actor,
    recipient: actor,
    obligation: z.enum(['defence', 'consultation', 'non-aggression', 'basing', 'peacekeeping']),
    host_consent: z.boolean().default(true),
    from: isoDate,
    to: isoDate.optional(),
    summary: text,
  }),
  z.strictObject({
    ...common,
    kind: z.literal('negotiation'),
    conflict: id,
    date: isoDate,
    parties: z.array(iso3).min(1),
    declined: z.array(iso3).default([]),
    format: z.enum(['direct', 'mediated', 'facilitated']),
    mediators: z.array(actor).default([]),
    venue: z.string().min(2),
    venue_state: iso3.optional(),
    level: z.enum(['leaders', 'foreign-ministers', 'deputies', 'commissions', 'other']),
    outcome: text,
  }),
  z.strictObject({
    ...common,
    kind: z.literal('hosting'),
    host: iso3,
    parties: z.array(actor).min(1),
    date: isoDate,
    to: isoDate.optional(),
    subtype: z.enum(['talks', 'good-offices-offer']),
    summary: text,
  }),
  z.strictObject({
    ...common,
    kind: z.literal('statement'),
    state: iso3,
    speaker: z.string().min(2),
    date: isoDate,
    topic: z.string().min(2),
    claim: text,
  }),
  z.strictObject({
    ...common,
    kind: z.literal('resolution'),
    body: z.string().min(2),
    state: actor,
    about: iso3,
    date: isoDate,
    binding: z.boolean(),
    summary: text,
  }),
  z.strictObject({
    ...common,
    kind: z.literal('aid'),
    donor: iso3,
    from: isoDate,
    to: isoDate.optional(),
    amount_usd: z.number().nonnegative().optional(),
    recipients: z.number().int().nonnegative().optional(),
    summary: text,
  }),
  z.strictObject({
    ...common,
    kind: z.literal('energy-export'),
    exporter: iso3,
    importer: actor,
    year: z.number().int().min(1900).max(2100),
    commodity: z.enum(['gas', 'oil']),
    volume: z.number().nonnegative(),
    unit: z.enum(['bcm', 'mt']),
    route: z.string().optional(),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('doctrine'),
    state: iso3,
    date: isoDate,
    to: isoDate.optional(),
    title: z.string().min(3),
    summary: text,
    stance: z.enum(['integration', 'neutrality', 'non-alignment', 'multi-vector', 'alliance']).optional(),
    target: actor.optional(),
  }),
  z
    .strictObject({
      ...common,
      kind: z.literal('conflict'),
      /** The key that negotiation rounds cite in their `conflict` field. */
      conflict: id,
      ucdp_id: z.number().int().positive().optional(),
      subtype: z.enum(['war', 'military-operation', 'armed-conflict', 'dispute']),
      side_a: z.array(actor).min(1),
      side_b: z.array(actor).default([]),
      from: isoDate,
      to: isoDate.optional(),
      /** Whether conflict-management rounds are recorded here, or were searched for and none found. */
      negotiations: z.enum(['recorded', 'none-found']).optional(),
      searched: isoDate.optional(),
      summary: text,
    })
    .refine((f) => f.negotiations !== 'none-found' || f.searched !== undefined, {
      message: "'negotiations: none-found' needs the date of the search in 'searched'",
      path: ['searched'],
    }),
  z.strictObject({
    ...common,
    kind: z.literal('sanctions'),
    subtype: z.enum(['comprehensive', 'sectoral', 'targeted', 'arms-embargo']),
    imposer: actor,
    target: iso3,
    from: isoDate,
    to: isoDate.optional(),
    summary: text,
  }),
  z.strictObject({
    ...common,
    kind: z.literal('system-continuation'),
    from: isoDate,
    to: isoDate.optional(),
    summary: text,
  }),
]);

export const stateEntrySchema = z.strictObject({
  ccode: z.number().int().positive(),
  cow: z.string().regex(/^[A-Z]{3}$/),
  iso3: iso3.nullable(),
  name: z.string().min(2),
  alt: z.array(z.string()).default([]),
  /**
   * Later names, each from a year on (the COW name in `name` holds before the first): the registry
   * shows the name in use in a given year, and the latest one where no year is given.
   */
  names: z
    .array(z.strictObject({ from: z.number().int().min(1800).max(2100), name: z.string().min(2) }))
    .default([]),
});

export type Source = z.infer<typeof sourceSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type Fact = z.infer<typeof factSchema>;
export type FactKind = Fact['kind'];
export type StateEntry = z.infer<typeof stateEntrySchema>;
export type MembershipRole = (typeof membershipRoles)[number];
