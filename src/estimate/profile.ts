import { z } from 'zod';

/**
 * The applicant profile the estimator scores (shared/design/interfaces.md, "Profile fields").
 * Field names are part of the product's interface: keep them exactly as they are.
 * Every field except `age` is optional; a missing field means "no / none / 0".
 */

export const EDUCATIONS = ['none', 'college', 'bachelor', 'bachelor_degree', 'master', 'doctor'] as const;
export const TITLES = ['none', 'skill5', 'skill4', 'skill3', 'skill2', 'skill1', 'mid', 'senior'] as const;
export const BASE_TIERS = ['none', '0.8x', '1x', '2x', '3x'] as const;
export const AWARDS = ['none', 'municipal_special', 'municipal_general', 'national'] as const;

export type Education = (typeof EDUCATIONS)[number];
export type Title = (typeof TITLES)[number];
export type BaseTier = (typeof BASE_TIERS)[number];
export type Award = (typeof AWARDS)[number];

const describe = (input: unknown): string => (input === undefined ? 'nothing' : JSON.stringify(input));

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) => `must be one of ${values.join(', ')} (got ${describe(issue.input)})`,
  });

const flag = z.boolean({ error: (issue) => `must be true or false (got ${describe(issue.input)})` });

const wholeNumber = (what: string, max?: number) => {
  let schema = z
    .number({ error: (issue) => `must be a number of ${what} (got ${describe(issue.input)})` })
    .int({ error: (issue) => `must be a whole number of ${what} (got ${describe(issue.input)})` })
    .min(0, { error: `must be 0 or more ${what}` });
  if (max !== undefined) schema = schema.max(max, { error: `must be at most ${max} ${what}` });
  return schema;
};

const amount = (what: string) =>
  z
    .number({ error: (issue) => `must be a number of ${what} (got ${describe(issue.input)})` })
    .min(0, { error: `must be 0 or more ${what}` })
    .refine(Number.isFinite, { error: `must be a finite number of ${what}` });

const shape = {
  age: z
    .number({
      error: (issue) =>
        issue.input === undefined ? 'is required (age in whole years, e.g. 35)' : `must be a number of years (got ${describe(issue.input)})`,
    })
    .int({ error: (issue) => `must be whole years (got ${describe(issue.input)})` })
    .min(0, { error: 'must be 0 or more years' })
    .max(150, { error: 'must be at most 150 years' }),
  hasResidencePermit: flag.optional(),
  employeeSocialInsurance: flag.optional(),
  outOfTownBranch: flag.optional(),
  insuredMonthsLast12: wholeNumber('months', 12).optional(),
  education: oneOf(EDUCATIONS).optional(),
  title: oneOf(TITLES).optional(),
  titleBaseOk: flag.optional(),
  socialInsuranceMonths: wholeNumber('months', 1200).optional(),
  baseTier: oneOf(BASE_TIERS).optional(),
  shortageMajor: flag.optional(),
  investTaxPerYear: amount('yuan a year').optional(),
  hukouEmployees: amount('employees').optional(),
  publicServiceYears: wholeNumber('years', 100).optional(),
  remoteAreaYears: wholeNumber('years', 100).optional(),
  spouseHukouYears: wholeNumber('years', 100).optional(),
  award: oneOf(AWARDS).optional(),
  startupTalent: flag.optional(),
  intermediaryTalent: flag.optional(),
  falseMaterials: wholeNumber('times', 100).optional(),
  detentions5y: wholeNumber('records', 100).optional(),
  crimes5y: wholeNumber('records', 100).optional(),
  seriousCrime: flag.optional(),
  familyPlanningViolation: flag.optional(),
};

export const PROFILE_FIELDS = Object.keys(shape) as (keyof typeof shape)[];

/** Edit distance, to suggest the intended field name for a typo. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function closestField(key: string): string | undefined {
  let best: { field: string; d: number } | undefined;
  for (const field of PROFILE_FIELDS) {
    const d = distance(key.toLowerCase(), field.toLowerCase());
    if (!best || d < best.d) best = { field, d };
  }
  return best && best.d <= Math.max(2, Math.floor(key.length / 4)) ? best.field : undefined;
}

function unknownKeysMessage(keys: string[]): string {
  return keys
    .map((key) => {
      const guess = closestField(key);
      return `unknown field "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
    })
    .join('; ');
}

export const ProfileSchema = z.strictObject(shape, {
  error: (issue) => {
    if (issue.code === 'unrecognized_keys') return unknownKeysMessage(issue.keys);
    if (issue.code === 'invalid_type') return `the profile must be a JSON object like {"age":35} (got ${describe(issue.input)})`;
    return undefined;
  },
});

export type Profile = z.infer<typeof ProfileSchema>;

/** Thrown by parseProfile; the message is one line naming the field. */
export class ProfileError extends Error {
  override name = 'ProfileError';
  constructor(
    message: string,
    /** Dotted path of the offending field ('' for the whole profile). */
    readonly field: string,
  ) {
    super(message);
  }
}

export type ProfileResult = { ok: true; profile: Profile } | { ok: false; error: string; field: string };

/** Validates untrusted input (CLI argument, stored state). Never throws. */
export function safeParseProfile(input: unknown): ProfileResult {
  const result = ProfileSchema.safeParse(input);
  if (result.success) return { ok: true, profile: result.data };
  const issue = result.error.issues[0]!;
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
  if (issue.code === 'unrecognized_keys') return { ok: false, error: `${issue.message}${more}`, field: issue.keys[0] ?? '' };
  const field = issue.path.map(String).join('.');
  const error = field ? `${field}: ${issue.message}${more}` : `${issue.message}${more}`;
  return { ok: false, error, field };
}

/** Validates untrusted input, throwing a ProfileError with a one-line message naming the field. */
export function parseProfile(input: unknown): Profile {
  const result = safeParseProfile(input);
  if (!result.ok) throw new ProfileError(result.error, result.field);
  return result.profile;
}

/** A profile with every field filled in ("missing" = no / none / 0). */
export type FullProfile = Required<Profile>;

export function withDefaults(profile: Profile): FullProfile {
  return {
    age: profile.age,
    hasResidencePermit: profile.hasResidencePermit ?? false,
    employeeSocialInsurance: profile.employeeSocialInsurance ?? false,
    outOfTownBranch: profile.outOfTownBranch ?? false,
    insuredMonthsLast12: profile.insuredMonthsLast12 ?? 0,
    education: profile.education ?? 'none',
    title: profile.title ?? 'none',
    titleBaseOk: profile.titleBaseOk ?? false,
    socialInsuranceMonths: profile.socialInsuranceMonths ?? 0,
    baseTier: profile.baseTier ?? 'none',
    shortageMajor: profile.shortageMajor ?? false,
    investTaxPerYear: profile.investTaxPerYear ?? 0,
    hukouEmployees: profile.hukouEmployees ?? 0,
    publicServiceYears: profile.publicServiceYears ?? 0,
    remoteAreaYears: profile.remoteAreaYears ?? 0,
    spouseHukouYears: profile.spouseHukouYears ?? 0,
    award: profile.award ?? 'none',
    startupTalent: profile.startupTalent ?? false,
    intermediaryTalent: profile.intermediaryTalent ?? false,
    falseMaterials: profile.falseMaterials ?? 0,
    detentions5y: profile.detentions5y ?? 0,
    crimes5y: profile.crimes5y ?? 0,
    seriousCrime: profile.seriousCrime ?? false,
    familyPlanningViolation: profile.familyPlanningViolation ?? false,
  };
}
