import type { Profile } from '../src/estimate/profile.js';
import type { Answers } from './questions.js';

/** Turns the intake's answers into the estimator's profile (shared/design/interfaces.md field names). */
export function answersToProfile(a: Answers): Profile {
  const bonus = new Set(a.bonuses ?? []);
  const penalty = new Set(a.penalties ?? []);
  const profile: Profile = {
    age: a.age ?? 0,
    hasResidencePermit: a.residencePermit ?? false,
    employeeSocialInsurance: a.employeeInsurance ?? false,
    insuredMonthsLast12: a.insuredMonthsLast12 ?? 0,
    outOfTownBranch: a.outOfTownBranch ?? false,
    education: a.education ?? 'none',
    title: a.title ?? 'none',
    titleBaseOk: a.titleBaseOk ?? false,
    socialInsuranceMonths: a.socialInsuranceMonths ?? 0,
    baseTier: a.baseTier ?? 'none',
    spouseHukouYears: a.spouse === 'hukou' ? (a.spouseHukouYears ?? 0) : 0,
    shortageMajor: bonus.has('shortageMajor'),
    award: bonus.has('award') ? (a.award ?? 'municipal_special') : 'none',
    // Startup talent and intermediary talent score the same; the intake asks them as one option.
    startupTalent: bonus.has('talent'),
    investTaxPerYear: bonus.has('investTax') ? Math.round((a.investTaxWan ?? 0) * 10_000) : 0,
    publicServiceYears: bonus.has('publicService') ? (a.publicServiceYears ?? 0) : 0,
    remoteAreaYears: bonus.has('remoteArea') ? (a.remoteAreaYears ?? 0) : 0,
    falseMaterials: penalty.has('falseMaterials') ? 1 : 0,
    detentions5y: penalty.has('detention') ? 1 : 0,
    crimes5y: penalty.has('crime') ? 1 : 0,
    seriousCrime: penalty.has('seriousCrime'),
  };
  return profile;
}
