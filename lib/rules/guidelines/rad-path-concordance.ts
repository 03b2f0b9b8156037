import { GuidelineInputError, requireOneOf, type LocalizedText } from './common.js';
import { BIRADS_5, BIRADS_CATEGORIES, BIRADS_TABLE, type BiradsCategory } from './birads5.js';

/**
 * Radiology–pathology concordance after a percutaneous breast biopsy: does the histology explain
 * the imaging, and what comes next.
 *
 *  - Discordance: "the percutaneous biopsy histology did not provide a sufficient explanation for the
 *    imaging features"; discordant lesions go to repeat biopsy, and discordance was more frequent
 *    for BI-RADS 5 than for BI-RADS 4 lesions (Liberman L, Drotman M, Morris EA, et al.
 *    "Imaging-histologic discordance at percutaneous breast biopsy." Cancer 2000;89(12):2538–2546).
 *  - What a benign result means depends on the category's likelihood of malignancy (ACR BI-RADS
 *    Atlas, 5th ed., 2013, category 4 subdivisions): in 4A a malignant result is not expected and a
 *    benign result is followed at 6 months or routinely; in 4B follow-up after a concordant benign
 *    result depends on the specific histology; in 4C and 5 a malignant result is expected, so a
 *    benign one is discordant. The categories 2 and 3 expect a benign result. So we answer:
 *      benign or atypia with 2, 3, 4A → concordant; with 4 (not subdivided) or 4B → null (the
 *      histology must be correlated by the radiologist); with 4C or 5 → discordant;
 *      with 0 (incomplete), 1 (nothing to sample) or 6 (known cancer) → null.
 *    This narrows the simpler "BI-RADS 4–5 + benign = discordant" to what the atlas says per subcategory.
 *  - Atypia (atypical ductal or lobular hyperplasia, flat epithelial atypia) goes to surgical
 *    excision whatever the category: core biopsy underestimates carcinoma in a share of them
 *    (e.g. Brem RF, et al. AJR Am J Roentgenol 1999, atypical ductal hyperplasia at 11-gauge
 *    vacuum-assisted biopsy).
 *  - Malignant: the lesion becomes BI-RADS 6 (known biopsy-proven malignancy) for any imaging before
 *    definitive treatment. It is concordant with 4–6; with 1–3 it is unexpected (discordant), which
 *    calls for a second look at the imaging, but the malignant histology stands.
 */
export const LIBERMAN_2000 = 'Liberman L, et al. Cancer 2000;89(12):2538–2546 (imaging-histologic discordance)';
export const RAD_PATH_CITATION = `${LIBERMAN_2000}; ${BIRADS_5}, category 4 subdivisions and category 6`;

export const PATHOLOGY_RESULTS = ['benign', 'atypia', 'malignant'] as const;
export type PathologyResult = (typeof PATHOLOGY_RESULTS)[number];

export interface RadPathInput {
  /** The imaging BI-RADS category of the biopsied lesion ('4A', 'BI-RADS 4b', …); null when unknown. */
  birads: string | null;
  pathology: PathologyResult;
}

export interface RadPathConcordance {
  /** true concordant, false discordant, null when it cannot be decided from the category alone. */
  concordant: boolean | null;
  /** The imaging category as read, normalised; null when none was given. */
  category: BiradsCategory | null;
  management: LocalizedText;
  /** The lesion is now BI-RADS 6 (known biopsy-proven malignancy). */
  birads6: boolean;
  text: LocalizedText;
  source: string;
}

/** '4a', 'BI-RADS 4A', 'birads 4a' → '4A'; throws on anything that is not a BI-RADS category. */
export function normaliseBirads(value: string): BiradsCategory {
  const cleaned = typeof value === 'string' ? value.trim().toUpperCase().replace(/^BI-?RADS\s*(CATEGORY\s*)?/, '').trim() : '';
  if (!(BIRADS_CATEGORIES as readonly string[]).includes(cleaned)) {
    throw new GuidelineInputError('birads', {
      ko: `birads: BI-RADS 범주가 아닙니다 — ${BIRADS_CATEGORIES.join(', ')} 중 하나여야 합니다`,
      en: `birads: not a BI-RADS category — must be one of ${BIRADS_CATEGORIES.join(', ')}`,
    });
  }
  return cleaned as BiradsCategory;
}

/** Whether a benign (or atypia) result is what the imaging category expects. */
function nonMalignantConcordance(category: BiradsCategory | null): boolean | null {
  if (category === null) return null;
  if (category === '2' || category === '3' || category === '4A') return true;
  if (category === '4C' || category === '5') return false;
  return null;
}

function malignantConcordance(category: BiradsCategory | null): boolean | null {
  if (category === null || category === '0') return null;
  return !(category === '1' || category === '2' || category === '3');
}

const M = {
  excision: { ko: '수술적 절제 권고 (비정형 병변은 중심부 생검에서 암이 과소평가될 수 있음)', en: 'Surgical excision (carcinoma may be underestimated at core biopsy of atypia)' },
  repeat: { ko: '영상–병리 불일치: 재생검(진공보조 생검) 또는 수술적 절제', en: 'Imaging–pathology discordance: repeat biopsy (vacuum-assisted) or surgical excision' },
  followUp: { ko: '영상–병리 일치 양성: 6개월 추적검사 또는 정기 검진', en: 'Concordant benign: 6-month follow-up imaging or routine screening' },
  correlate: { ko: '영상–병리 상관 판정 필요: 특정 양성 조직 소견이 영상 소견을 설명하면 약 6개월 추적검사, 설명하지 못하면 재생검 또는 수술적 절제', en: 'Radiologic–pathologic correlation required: if the specific benign histology explains the imaging finding, follow-up imaging at about 6 months; if not, repeat biopsy or surgical excision' },
  noCategory: { ko: '비교할 영상 BI-RADS 범주가 없어 조직 결과를 영상과 대조한 뒤 결정하십시오', en: 'No imaging BI-RADS category to compare: correlate the result with the imaging before deciding' },
} satisfies Record<string, LocalizedText>;

function benignManagement(concordant: boolean | null, category: BiradsCategory | null): LocalizedText {
  if (concordant === true) return M.followUp;
  if (concordant === false) return M.repeat;
  return category === '4' || category === '4B' ? M.correlate : M.noCategory;
}

/**
 * Concordance and next step for one biopsied breast lesion from its imaging BI-RADS category and
 * the histology class. See the module comment for each rule and its source.
 */
export function radPathConcordance(input: RadPathInput): RadPathConcordance {
  const pathology = requireOneOf('pathology', input?.pathology, PATHOLOGY_RESULTS);
  const category = input.birads === null || input.birads === undefined ? null : normaliseBirads(input.birads);
  const imaging = category === null ? { ko: '영상 BI-RADS 미상', en: 'imaging BI-RADS unknown' } : { ko: `영상 BI-RADS ${category}`, en: `imaging BI-RADS ${category}` };
  const verdict = (c: boolean | null): LocalizedText => (c === null ? { ko: '일치도 판정 보류', en: 'concordance undetermined' } : c ? { ko: '일치', en: 'concordant' } : { ko: '불일치', en: 'discordant' });

  if (pathology === 'malignant') {
    const concordant = malignantConcordance(category);
    const six = BIRADS_TABLE['6'];
    const management: LocalizedText = concordant === false
      ? { ko: `BI-RADS 6: ${six.management.ko}. 예상 밖의 악성 — 영상 소견과 병변 범위를 다시 검토하십시오`, en: `BI-RADS 6: ${six.management.en}. Unexpected malignancy — review the imaging and the extent of disease` }
      : { ko: `BI-RADS 6: ${six.management.ko}; 유방외과·다학제 진료 의뢰`, en: `BI-RADS 6: ${six.management.en}; refer to breast surgery / the multidisciplinary team` };
    return {
      concordant, category, management, birads6: true,
      text: { ko: `병리 악성, ${imaging.ko}: ${verdict(concordant).ko}. ${management.ko}`, en: `Malignant histology, ${imaging.en}: ${verdict(concordant).en}. ${management.en}` },
      source: `${BIRADS_TABLE['6'].source}; ${LIBERMAN_2000}`,
    };
  }

  const concordant = nonMalignantConcordance(category);
  if (pathology === 'atypia') {
    return {
      concordant, category, management: M.excision, birads6: false,
      text: { ko: `병리 비정형, ${imaging.ko}: ${verdict(concordant).ko}. ${M.excision.ko}`, en: `Atypia, ${imaging.en}: ${verdict(concordant).en}. ${M.excision.en}` },
      source: `${LIBERMAN_2000}; Brem RF, et al. AJR Am J Roentgenol 1999 (ADH underestimation); ${BIRADS_5}`,
    };
  }
  const management = benignManagement(concordant, category);
  return {
    concordant, category, management, birads6: false,
    text: { ko: `병리 양성, ${imaging.ko}: ${verdict(concordant).ko}. ${management.ko}`, en: `Benign histology, ${imaging.en}: ${verdict(concordant).en}. ${management.en}` },
    source: category === null ? RAD_PATH_CITATION : `${LIBERMAN_2000}; ${BIRADS_TABLE[category].source}`,
  };
}
