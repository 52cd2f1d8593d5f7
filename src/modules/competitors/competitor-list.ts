// The tenant's competitor list as every module reads it: each competitor a name with aliases,
// kept by the admin in the deal-warning settings, and the words that point to some competitor
// without naming one (竞品, 友商...).
import { z } from 'zod';

const competitorName = z.string().trim().min(1, 'must not be empty').max(40);
export const competitorSchema = z.object({ name: competitorName, aliases: z.array(competitorName).max(10).default([]) }).strict();
export type Competitor = z.output<typeof competitorSchema>;

/** words that say a competitor is around without naming it */
export const GENERIC_COMPETITOR_WORDS = ['竞品', '竞争对手', '竞对', '友商', '对手报价', 'competitor'];

/** every name and alias a competitor goes by */
export const competitorTerms = (competitors: readonly Competitor[]): string[] => competitors.flatMap((c) => [c.name, ...c.aliases]);
