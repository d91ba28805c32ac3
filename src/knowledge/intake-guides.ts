import { join } from 'node:path';
import { z } from 'zod';
import { Grade } from './schema.js';
import { KNOWLEDGE_DIR, loadYamlFile } from './load-yaml.js';

const Bilingual = z.strictObject({ zh: z.string().min(2), en: z.string().min(2) });

const StageGuideSchema = z.array(
  z.strictObject({
    stage: z.enum(['notStarted', 'accountOpened', 'submitted', 'approved']),
    nextSteps: Bilingual,
    jobChange: Bilingual,
    milestones: z.array(z.strictObject({ name: Bilingual, workingDays: z.number().int().positive() })),
    sources: z.array(z.string()).min(1),
    confidence: Grade,
  }),
);
export type StageGuide = z.infer<typeof StageGuideSchema>[number];

const RiskSchema = z.array(
  z.strictObject({
    id: z.string().min(2),
    when: z.strictObject({ field: z.string().min(2), in: z.array(z.string()).min(1) }),
    text: Bilingual,
    sources: z.array(z.string()).min(1),
    confidence: Grade,
  }),
);
export type MaterialRisk = z.infer<typeof RiskSchema>[number];

export interface IntakeGuides {
  stages: StageGuide[];
  risks: MaterialRisk[];
}

/** Stage next steps and material risks the intake shows after the estimate. */
export function loadIntakeGuides(dir: string = KNOWLEDGE_DIR): IntakeGuides {
  return {
    stages: loadYamlFile(join(dir, 'stages.yaml'), StageGuideSchema),
    risks: loadYamlFile(join(dir, 'risks.yaml'), RiskSchema),
  };
}
