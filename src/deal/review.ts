import type { ReviewKind } from '../db/types.js';
import type { Deal } from './schema.js';

/** Why a deal needs an operator's eye; stored as a review item next to the deal. */
export interface ReviewFlag {
  kind: ReviewKind;
  reason: string;
}

/** A normalised deal on its way to storage, with anything that should send it to review. */
export interface DealCandidate {
  deal: Deal;
  flags: ReviewFlag[];
}
