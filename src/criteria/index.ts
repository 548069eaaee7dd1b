/**
 * The registry of shipped criteria objects.
 *
 * @module
 */

import { shipped } from "../ir/schema.js";
import type { EligibilityCriteria, FlareCriteria, ResponseCriteria } from "../ir/types.js";
import { acr2006 } from "./acr2006.js";
import { acr2024Refractory } from "./acr2024.js";
import { alms2009 } from "./alms2009.js";
import { arora2022Refractory } from "./arora2022.js";
import { aurora1 } from "./aurora1.js";
import { aurora2 } from "./aurora2.js";
import { blissln2020, blissln2020Registry } from "./blissln2020.js";
import { eular2012 } from "./eular2012.js";
import { eular2019 } from "./eular2019.js";
import { eular2025 } from "./eular2025.js";
import {
  kang2020,
  kang2020ExtraRenalFlare,
  kang2020Refractory,
  kang2020RenalFlare,
} from "./kang2020.js";
import { kdigo2012 } from "./kdigo2012.js";
import { kdigo2012Relapse } from "./kdigo2012-relapse.js";
import { kdigo2024 } from "./kdigo2024.js";
import { liu2015 } from "./liu2015.js";
import { lunar2012 } from "./lunar2012.js";
import { moroni2022 } from "./moroni2022.js";
import { regency2025 } from "./regency2025.js";
import { zhang2023, zhang2023Refractory } from "./zhang2023.js";

/**
 * Every shipped response criteria object, by id. Every object (and this
 * registry) is deep-frozen: assigning to any field throws in strict mode.
 *
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * Object.keys(criteria).slice(0, 2); // ['zhang2023', 'kang2020']
 * criteria.kang2020.citation.doi; // '10.1186/s13075-020-02154-7'
 * ```
 * @category Shipped definitions
 */
export const criteria = shipped({
  zhang2023,
  kang2020,
  eular2012,
  eular2019,
  eular2025,
  kdigo2012,
  kdigo2024,
  acr2006,
  alms2009,
  liu2015,
  lunar2012,
  blissln2020,
  blissln2020Registry,
  aurora1,
  regency2025,
} as const satisfies Readonly<Record<string, ResponseCriteria>>);

/**
 * The id of a shipped response criteria object.
 *
 * @example
 * ```ts
 * import type { CriteriaId } from 'lupus-renal-criteria';
 * const id: CriteriaId = 'kang2020';
 * ```
 * @category Shipped definitions
 */
export type CriteriaId = keyof typeof criteria;

/**
 * Every shipped eligibility rule (refractory-LN definitions), by name.
 *
 * @example
 * ```ts
 * import { eligibility } from 'lupus-renal-criteria';
 * Object.values(eligibility).map((r) => `${r.id} (${r.evidence})`);
 * ```
 * @category Shipped definitions
 */
export const eligibility = shipped({
  kang2020Refractory,
  zhang2023Refractory,
  arora2022Refractory,
  acr2024Refractory,
} as const satisfies Readonly<Record<string, EligibilityCriteria>>);

/**
 * Every shipped flare / relapse definition, by name, each with its evidence level.
 *
 * @example
 * ```ts
 * import { flares } from 'lupus-renal-criteria';
 * Object.values(flares).map((f) => `${f.id}: ${f.evidence}`);
 * ```
 * @category Shipped definitions
 */
export const flares = shipped({
  kang2020RenalFlare,
  kang2020ExtraRenalFlare,
  kdigo2012Relapse,
  moroni2022,
  aurora2,
} as const satisfies Readonly<Record<string, FlareCriteria>>);
