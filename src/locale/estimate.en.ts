import type { EstimateTexts } from './estimate.zh.js';

const yuan = (n: number): string => `${n.toLocaleString('en-US')} yuan`;
const capText = (cap: number | null): string => (cap === null ? '' : `, at most ${cap}`);
const upper = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const estimateEn: EstimateTexts = {
  labels: {
    education: {
      none: 'no scoring education',
      college: 'college diploma (大专)',
      bachelor: "bachelor's study without degree",
      bachelor_degree: "bachelor's degree (本科+学士)",
      master: "master's degree",
      doctor: 'doctorate',
    },
    title: {
      none: 'no title or skill level',
      skill5: 'vocational skill level 5',
      skill4: 'vocational skill level 4',
      skill3: 'vocational skill level 3',
      skill2: 'vocational skill level 2 (technician)',
      skill1: 'vocational skill level 1 (senior technician)',
      mid: 'intermediate professional title (中级职称)',
      senior: 'senior professional title (高级职称)',
    },
    baseTier: {
      none: 'below 80% of the city average wage',
      '0.8x': '0.8–1× the city average wage',
      '1x': '1–2× the city average wage',
      '2x': '2–3× the city average wage',
      '3x': '3× the city average wage or more',
    },
    award: {
      none: 'none',
      municipal_special: 'special commendation by a municipal authority',
      municipal_general: 'general commendation by a municipal authority',
      national: 'provincial/ministerial or national government award',
    },
  },
  notes: {
    ageFull: (age, points, upToAge) => `${age} years old: ${upToAge} or younger scores the full ${points}`,
    ageFormula: (age, points, base, perYear, fromAge) =>
      `${age} years old: ${base} + ${perYear}×(${fromAge}−${age}) = ${points}`,
    ageFloor: (age, points, fromAge, maxAge) => `${age} years old: ages ${fromAge}–${maxAge} score ${points}`,
    ageOutOfRange: (age, minAge, maxAge) => `${age} years old: outside the eligible ages ${minAge}–${maxAge}, no points`,
    educationNone: () => 'no scoring education (college diploma or higher scores)',
    educationCounted: (level, points) => `${upper(level)}: ${points}`,
    educationNotCounted: (level, points, title, titlePoints) =>
      `${upper(level)} would score ${points}, but only the higher of education and title counts: ${title} (${titlePoints}); 0 here`,
    titleCounted: (title, points) => `${upper(title)}: ${points} (counts instead of education, the higher one counts)`,
    titleNotCounted: (title, points, level, educationPoints) =>
      `${upper(title)} would score ${points}, not more than education (${level}, ${educationPoints}); only one counts, 0 here`,
    titleBaseMissing: (title, points) =>
      `${upper(title)} would score ${points}, but the social-insurance-base condition is not confirmed; counted as 0`,
    socialInsuranceYears: (months, years, perYear) =>
      `${plural(months, 'month')} of normal Shanghai employee social insurance = ${plural(years, 'full year')} × ${perYear}`,
    baseTier: (tier, points) => `Social-insurance contribution base ${tier}: ${points}`,
    shortageMajor: (points) => `Shortage major with a matching job: ${points}`,
    investTax: (taxPerYear, employees, byTax, byEmployees, points, cap) =>
      `Tax of ${yuan(taxPerYear)} a year (${byTax}) or ${employees} Shanghai-hukou employees (${byEmployees}), the higher counts: ${points}${capText(cap)}`,
    publicServiceNotYet: (years, fromYears) =>
      `${plural(years, 'year')} in a designated public-service field: counts only from ${fromYears} full years, 0 for now`,
    publicService: (years, perYear) => `${plural(years, 'year')} in a designated public-service field × ${perYear}`,
    remoteAreaNotYet: (years, fromYears) =>
      `${plural(years, 'year')} working and living in a key outer-suburb area: counts only from ${fromYears} full years, 0 for now`,
    remoteArea: (years, perYear, points, cap) =>
      `${plural(years, 'year')} working and living in a key outer-suburb area × ${perYear} = ${points}${capText(cap)}`,
    spouseHukou: (years, perYear, points, cap) =>
      `Spouse with Shanghai hukou, married ${plural(years, 'full year')} × ${perYear} = ${points}${capText(cap)}`,
    award: (level, points) => `${upper(level)}: ${points}`,
    startupTalent: (points) => `Start-up talent (≥5% stake in an incubated company for 6 months): ${points}`,
    intermediaryTalent: (points) => `Innovation intermediary talent (6 months of technology-transfer service): ${points}`,
    falseMaterials: (count, each) => `False materials ${plural(count, 'time')} × ${each}`,
    detentions: (count, each) => `Administrative detention in the last 5 years, ${plural(count, 'record')} × ${each}`,
    crimes: (count, each) => `Ordinary criminal record in the last 5 years, ${plural(count, 'record')} × ${each}`,
  },
  blockers: {
    noResidencePermit: () => 'No valid Shanghai Residence Permit: you cannot apply for points yet.',
    noSocialInsurance: () => 'No normal Shanghai employee social insurance: you cannot apply for points yet.',
    tooFewInsuredMonths: (months, minMonths) =>
      `Only ${plural(months, 'month')} of normal employee social insurance in the last 12 months; ${minMonths} are needed (back-payments do not count).`,
    outOfTownBranch: () => 'Staff of a Shanghai company’s branch outside Shanghai are not eligible.',
    tooYoung: (age, minAge) => `${age} years old: applicants must be at least ${minAge}.`,
    tooOld: (age, maxAge) => `${age} years old: applicants must be ${maxAge} or younger.`,
    seriousCrime: () => 'A serious criminal record rules out an application (veto).',
    familyPlanning: () => 'A family-planning violation is a veto in the scoring table.',
  },
  warnings: {
    titleBaseCondition: (title, points) =>
      `${upper(title)} scores ${points} only if your social insurance base was at least the previous year's city average wage for 6 of the last 12 months (社保缴费基数最近1年内累计6个月不低于上年度社平工资). Not confirmed, so counted as 0 here.`,
    titleMatchesPost: () =>
      'A title or skill level must match your job and be on the Shanghai HR bureau’s list; titles from other provinces or abroad must be reviewed first.',
    educationRecognition: () =>
      'Degrees must be state-recognised; part-time degrees (self-study, adult, online education) have location conditions. The talent service centre decides.',
    socialInsuranceNormalOnly: () =>
      'Only months of normal Shanghai contributions count; back-paid, interrupted or transferred-in months do not.',
    baseTierWindow: () =>
      'Sources describe the contribution-base window differently (36 of the last 48 months, or the last 3 consecutive years; 24 of the last 36 months for 3×). The official system decides.',
    shortageMajorScope: () =>
      'The shortage major must be on the Shanghai list and match your job; the list is said to cover (full-time) college majors only. Please check.',
    investTaxCap: (cap, conflictingCap) =>
      `Sources conflict on the cap for investment/tax points: estimated with ${cap ?? 'no cap'}, a 2013 report says ${conflictingCap ?? 'no cap'}. The official rules decide.`,
    publicServiceStart: (fromYears) =>
      `Public-service years are counted only from ${fromYears} full years; the cap and the fields covered (sanitation during the trial) were not found in the original text, so no cap is applied. Please check.`,
    remoteAreaStart: (fromYears) =>
      `Outer-suburb years are counted only from ${fromYears} full years; sources conflict (3 years, or from the first year in the Lingang new area) and the areas covered need checking.`,
    falseMaterialsPeriod: () =>
      'How far back false-material penalties reach is unclear (one calculator says 3 years).',
    familyPlanning: () =>
      'A family-planning violation was a veto in the 2013/2017 texts; whether it is still enforced after the three-child policy is unclear, so it is not treated as a veto here. Please check with the talent service centre.',
    simulation: () =>
      'This is only a simulation. Confirm it with the simulated scoring in the official Shanghai residence-permit points system (上海市居住证积分管理信息系统); the talent service centre and the official website have the final word.',
  },
  suggestions: {
    fixResidencePermit: () =>
      'Register your residence first; after half a year apply for the Shanghai Residence Permit. You can apply for points once you hold a valid permit.',
    fixSocialInsurance: (minMonths) =>
      `Your employer in Shanghai must pay normal employee social insurance for you; after ${minMonths} months within the last 12 (back-payments do not count) you can apply.`,
    fixInsuredMonths: (monthsMore, minMonths) =>
      `Pay ${plural(monthsMore, 'more month')} of normal employee social insurance; with ${minMonths} months in the last 12 you can apply (back-payments do not count).`,
    fixOutOfTownBranch: () =>
      'Staff of out-of-town branches must be employed (with Shanghai social insurance) by a company registered in Shanghai before the company can apply for them.',
    fixTooYoung: (yearsLeft, minAge) => `You can apply once you turn ${minAge} (in ${plural(yearsLeft, 'year')}).`,
    fixTooOld: (maxAge) => `Applicants over ${maxAge} cannot apply for points; a consultant can talk you through other options.`,
    fixSeriousCrime: () =>
      'A serious criminal record is a veto for the points route; if the record is wrong, please talk to a consultant.',
    pointsOnceEligible: (total, passMark) =>
      total >= passMark
        ? `Once you can apply, your current situation scores about ${total}, which reaches ${passMark}.`
        : `Once you can apply, your current situation scores about ${total}, ${passMark - total} short of ${passMark}.`,
    moreInsuranceMonths: (monthsMore, fullYears, plus) =>
      `Pay ${plural(monthsMore, 'more month')} of social insurance (${plural(fullYears, 'full year')}): +${plus}; each further full year adds another +${plus}.`,
    raiseBaseTier: (tier, plus) => `Raise your social-insurance contribution base to ${tier} (over the rule's window): +${plus}.`,
    meetTitleBase: (title, plus) =>
      `Keep your social insurance base at or above the city average wage for 6 of the last 12 months so your ${title} counts: +${plus}.`,
    getTitle: (title, points, plus, needsBase) =>
      `Obtain ${title} (${points}, counts instead of education if higher): +${plus}${needsBase ? '; it also needs a social insurance base at or above the city average for 6 of the last 12 months' : ''}.`,
    upgradeEducation: (level, points, plus) => `Earn a ${level} (${points}): +${plus}.`,
    shortageMajor: (plus) => `If your major is on Shanghai's shortage list and matches your job: +${plus}.`,
    spouseHukouMore: (years, plus, cap) =>
      `Spouse with Shanghai hukou: at ${plural(years + 1, 'full year')} of marriage, +${plus} more${cap === null ? '' : ` (at most ${cap} for this item)`}.`,
    spouseHukouIf: (perYear, cap) =>
      `If your spouse has Shanghai hukou, each full year of marriage adds +${perYear}${capText(cap)}.`,
    ageKeepsFull: (yearsLeft, upToAge, points, perYear) =>
      `Age scores the full ${points} up to ${upToAge}, then ${perYear} less each year; you have about ${plural(yearsLeft, 'year')} at full points, so apply early.`,
    ageDropping: (perYear) => `Age points drop by ${perYear} each year, so the sooner you apply the better.`,
    applySoon: (drop, total, passMark) =>
      `Your margin is thin: at your next birthday age points drop by ${drop}, to about ${total - drop}, below ${passMark}. Apply soon.`,
    closesGap: (passMark) => ` On its own this reaches ${passMark}.`,
    keepValid: () =>
      'You reach the pass mark. The points result is valid as long as your residence permit; after each permit renewal, have your employer confirm (renew) the points.',
  },  report: {
    title: () => 'Shanghai residence-permit points estimate',
    total: (total, passMark) => `Estimated total: ${total} (pass mark ${passMark})`,
    reaches: () => 'You reach the pass mark.',
    gap: (gap) => `${gap} points short of the pass mark.`,
    eligible: () => 'Eligibility: nothing found that blocks an application.',
    notEligible: () => 'Eligibility: you cannot apply yet, because:',
    blockers: () => 'Why you cannot apply yet',
    breakdown: () => 'Breakdown',
    warnings: () => 'Please note',
    suggestions: () => 'Suggestions',
    points: (points) => `${points > 0 ? '+' : ''}${points}`,
  },
};
