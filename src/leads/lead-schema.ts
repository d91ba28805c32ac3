import { z } from 'zod';

/** A qualified prospect as consultants see it. Written to storage before anyone is notified. */
export const LEAD_STATUSES = ['new', 'claimed', 'contacted', 'closed'] as const;
export const QUALIFICATIONS = ['qualified', 'nurture', 'ineligible'] as const;

/** Lead ids: L-<Shanghai day>-<4-digit sequence>, e.g. L-20261201-0007 (as a regex source, to embed). */
export const LEAD_ID_SOURCE = String.raw`L-\d{8}-\d{4}`;

/** Mainland mobile: 11 digits, 1[3-9]xxxxxxxxx. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

export const ContactSchema = z.object({
  name: z.string().optional(),
  phone: z.string().regex(MOBILE_PATTERN).optional(),
  wechat: z.string().optional(),
  email: z.string().optional(),
  contactTime: z.string().optional(),
  telegramUsername: z.string().optional(),
  language: z.string().optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const LeadEstimateSchema = z.object({
  eligible: z.boolean(),
  total: z.number(),
  gap: z.number(),
  reachesPassMark: z.boolean(),
  blockers: z.array(z.string()),
  /** The estimator's codes for the blockers and suggestions, in their order (qualification reads these;
   * absent on leads stored before they were kept, which count as having no known code). */
  blockerCodes: z.array(z.string()).optional(),
  breakdown: z.array(z.object({ indicator: z.string(), points: z.number(), note: z.string() })),
  suggestions: z.array(z.string()),
  suggestionCodes: z.array(z.string()).optional(),
});
export type LeadEstimate = z.infer<typeof LeadEstimateSchema>;

export const LeadSchema = z.object({
  /** Human-readable: L-20261201-0007 (date in Shanghai, sequence per day). */
  id: z.string().regex(new RegExp(`^${LEAD_ID_SOURCE}$`)),
  chatId: z.string(),
  channel: z.enum(['telegram', 'terminal']),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Bumped on every change that consultants should see; the outbox sends each version once. */
  version: z.number().int().positive(),
  status: z.enum(LEAD_STATUSES),
  statusHistory: z.array(z.object({ status: z.enum(LEAD_STATUSES), by: z.string(), at: z.string() })),
  qualification: z.enum(QUALIFICATIONS),
  /** The prospect asked for a consultant. */
  requested: z.boolean(),
  consentAt: z.string().nullable(),
  contact: ContactSchema,
  answers: z.record(z.string(), z.unknown()),
  estimate: LeadEstimateSchema.nullable(),
  risks: z.array(z.string()),
  stage: z.string().optional(),
  jobChange: z.boolean().optional(),
  /** FAQ entry ids the prospect asked about (interest signals). */
  topics: z.array(z.string()),
  /** The bot's suggested next step for the consultant. */
  nextStep: z.string(),
  /** A card of this lead was queued for consultants; later versions are queued as edits. */
  notified: z.boolean().optional(),
});
export type Lead = z.infer<typeof LeadSchema>;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export type Qualification = (typeof QUALIFICATIONS)[number];

/** What the conversation core hands over when a lead is created or updated. */
export interface LeadInput {
  chatId: string;
  channel: 'telegram' | 'terminal';
  answers: Record<string, unknown>;
  estimate: LeadEstimate | null;
  risks: string[];
  topics: string[];
  stage?: string | undefined;
  jobChange?: boolean | undefined;
  requested: boolean;
  /** ISO time of consent; without consent no contact details are stored. */
  consentAt: string | null;
  contact: Contact;
}

/** The funnel steps counted once per conversation. */
export const FUNNEL_STEPS = ['started', 'passedPreconditions', 'finishedQuestionnaire', 'consented', 'qualified', 'claimed'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
