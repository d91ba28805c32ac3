import { pino } from 'pino';
import { estimate } from '../../src/estimate/estimate.js';
import type { Profile } from '../../src/estimate/profile.js';
import type { LeadInput } from '../../src/leads/lead-schema.js';

/** Someone who can apply: permit, 12 months of insurance. */
export const applicant = (extra: Partial<Profile> = {}): Profile => ({
  age: 35,
  hasResidencePermit: true,
  employeeSocialInsurance: true,
  insuredMonthsLast12: 12,
  ...extra,
});

/** The worked example: 35, bachelor with degree, 3 years of insurance → 129 points. */
export const PROFILE_129 = applicant({ education: 'bachelor_degree', socialInsuranceMonths: 36 });
/** The worked example: 45, college, 2 years → 83 points, 37 short. */
export const PROFILE_83 = applicant({ age: 45, education: 'college', socialInsuranceMonths: 24 });

export const PHONE = '13912345678';

export function leadInput(extra: Partial<LeadInput> = {}, profile: Profile = PROFILE_129): LeadInput {
  return {
    chatId: '1001',
    channel: 'telegram',
    answers: { age: profile.age },
    estimate: estimate(profile),
    risks: [],
    topics: ['faq-materials'],
    requested: false,
    consentAt: '2026-12-01T02:00:00.000Z',
    contact: { name: '张三', phone: PHONE, wechat: 'zhang_san' },
    ...extra,
  };
}

export const silentLogger = pino({ level: 'silent' });
