import type { DatasetId } from '../catalog.ts';
import type { DatasetImporter } from '../importer-types.ts';
import { atop } from './atop.ts';
import { cowAlliance } from './cow_alliance.ts';
import { cowContiguity } from './cow_contiguity.ts';
import { cowIgo } from './cow_igo.ts';
import { cowNmc } from './cow_nmc.ts';
import { cowStates } from './cow_states.ts';
import { cowTrade } from './cow_trade.ts';
import { eurostatGas } from './eurostat_gas.ts';
import { eiStatisticalReview } from './ei_statistical_review.ts';
import { sipriMilex } from './sipri_milex.ts';
import { ucdpAcd } from './ucdp_acd.ts';
import { ucdpConflictTermination } from './ucdp_conflict_termination.ts';
import { ucdpPeaceAgreements } from './ucdp_peace_agreements.ts';
import { wdi } from './wdi.ts';
import { sipriArms } from './sipri_arms.ts';
import { ungaIdealpoints } from './unga_idealpoints.ts';
import { ungaVotes } from './unga_votes.ts';
import { ungaVotesRecent } from './unga_votes_recent.ts';

export const importers: Record<DatasetId, DatasetImporter> = {
  cow_states: cowStates,
  unga_votes: ungaVotes,
  unga_votes_recent: ungaVotesRecent,
  unga_idealpoints: ungaIdealpoints,
  atop,
  cow_alliance: cowAlliance,
  cow_igo: cowIgo,
  cow_nmc: cowNmc,
  cow_contiguity: cowContiguity,
  cow_trade: cowTrade,
  sipri_arms: sipriArms,
  eurostat_gas: eurostatGas,
  sipri_milex: sipriMilex,
  wdi_datasets_indicators: wdi,
  ucdp_acd: ucdpAcd,
  ucdp_peace_agreements: ucdpPeaceAgreements,
  ucdp_conflict_termination: ucdpConflictTermination,
  ei_statistical_review: eiStatisticalReview,
};
