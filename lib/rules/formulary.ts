import { isChosungQuery, toChosung } from '../korean/chosung.js';
import type { Frequency, Route } from './medication-frequency.js';

/** Dosage forms as printed on Korean labels and prescriptions. */
export type DosageForm = '정' | '캡슐' | '시럽' | '흡입제' | '주사' | '연고' | '크림';

/**
 * One drug of the hospital formulary. `code` is the hospital's internal order code; no Korean
 * insurance (EDI) code is carried because those are assigned per product by HIRA and a bundled
 * copy would be wrong. `atcCode` is the WHO ATC code of the ingredient.
 */
export interface FormularyDrug {
  code: string;
  /** Korean product-style name with strength, e.g. `아목시실린캡슐 500mg`. */
  name: string;
  /** English ingredient (INN). */
  ingredient: string;
  atcCode: string;
  strength: string;
  form: DosageForm;
  /** The unit a dose is counted in (1 정, 5 mL, 2 흡입, 1 회 도포). */
  doseUnit: string;
  defaultRoute: Route;
  defaultFrequency: Frequency;
}

/**
 * Drugs the five departments prescribe most (pulmonology, neurosurgery, breast surgery,
 * gastroenterology/pancreas, dermatology) plus common analgesics and antihistamines, and the
 * chronic medications behind the commonest serious interactions (warfarin, antiplatelets, statins,
 * amiodarone), so the medication-safety checks meet them as formulary drugs. Extend it as
 * the pharmacy committee adds products; prescriptions copy the fields they use, so a change here
 * never alters a stored or printed prescription.
 */
export const FORMULARY: readonly FormularyDrug[] = [
  // Antibacterials
  { code: 'AMX500', name: '아목시실린캡슐 500mg', ingredient: 'amoxicillin', atcCode: 'J01CA04', strength: '500 mg', form: '캡슐', doseUnit: '캡슐', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'AMC625', name: '아목시실린·클라불란산칼륨정 625mg', ingredient: 'amoxicillin/clavulanic acid', atcCode: 'J01CR02', strength: '500/125 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'LVX500', name: '레보플록사신정 500mg', ingredient: 'levofloxacin', atcCode: 'J01MA12', strength: '500 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'AZM250', name: '아지트로마이신정 250mg', ingredient: 'azithromycin', atcCode: 'J01FA10', strength: '250 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'CLR500', name: '클래리트로마이신정 500mg', ingredient: 'clarithromycin', atcCode: 'J01FA09', strength: '500 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'BID' },
  { code: 'CRO1G', name: '세프트리악손나트륨주 1g', ingredient: 'ceftriaxone', atcCode: 'J01DD04', strength: '1 g/바이알', form: '주사', doseUnit: 'g', defaultRoute: 'IV', defaultFrequency: 'QD' },
  { code: 'CXM250', name: '세푸록심악세틸정 250mg', ingredient: 'cefuroxime', atcCode: 'J01DC02', strength: '250 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'BID' },
  { code: 'TZP45', name: '피페라실린·타조박탐주 4.5g', ingredient: 'piperacillin/tazobactam', atcCode: 'J01CR05', strength: '4/0.5 g/바이알', form: '주사', doseUnit: 'g', defaultRoute: 'IV', defaultFrequency: 'Q8H' },
  { code: 'DOX100', name: '독시사이클린캡슐 100mg', ingredient: 'doxycycline', atcCode: 'J01AA02', strength: '100 mg', form: '캡슐', doseUnit: '캡슐', defaultRoute: 'PO', defaultFrequency: 'BID' },
  { code: 'FLC150', name: '플루코나졸캡슐 150mg', ingredient: 'fluconazole', atcCode: 'J02AC01', strength: '150 mg', form: '캡슐', doseUnit: '캡슐', defaultRoute: 'PO', defaultFrequency: 'QD' },
  // Airways
  { code: 'MTL10', name: '몬테루카스트나트륨정 10mg', ingredient: 'montelukast', atcCode: 'R03DC03', strength: '10 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QHS' },
  { code: 'BUDFOR160', name: '부데소니드·포르모테롤 흡입제 160/4.5µg', ingredient: 'budesonide/formoterol', atcCode: 'R03AK07', strength: '160/4.5 µg/흡입', form: '흡입제', doseUnit: '흡입', defaultRoute: 'INH', defaultFrequency: 'BID' },
  { code: 'FLUSAL250', name: '플루티카손·살메테롤 흡입제 250/50µg', ingredient: 'fluticasone/salmeterol', atcCode: 'R03AK06', strength: '250/50 µg/흡입', form: '흡입제', doseUnit: '흡입', defaultRoute: 'INH', defaultFrequency: 'BID' },
  { code: 'TIO25', name: '티오트로피움 흡입제 2.5µg', ingredient: 'tiotropium bromide', atcCode: 'R03BB04', strength: '2.5 µg/흡입', form: '흡입제', doseUnit: '흡입', defaultRoute: 'INH', defaultFrequency: 'QD' },
  { code: 'SAL100', name: '살부타몰 흡입제 100µg', ingredient: 'salbutamol', atcCode: 'R03AC02', strength: '100 µg/흡입', form: '흡입제', doseUnit: '흡입', defaultRoute: 'INH', defaultFrequency: 'PRN' },
  { code: 'ERD300', name: '에르도스테인캡슐 300mg', ingredient: 'erdosteine', atcCode: 'R05CB15', strength: '300 mg', form: '캡슐', doseUnit: '캡슐', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'NAC200', name: '아세틸시스테인캡슐 200mg', ingredient: 'acetylcysteine', atcCode: 'R05CB01', strength: '200 mg', form: '캡슐', doseUnit: '캡슐', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'DXM15', name: '덱스트로메토르판브롬화수소산염정 15mg', ingredient: 'dextromethorphan', atcCode: 'R05DA09', strength: '15 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'TID' },
  // Pain and neurology
  { code: 'APAP500', name: '아세트아미노펜정 500mg', ingredient: 'paracetamol (acetaminophen)', atcCode: 'N02BE01', strength: '500 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'IBU400', name: '이부프로펜정 400mg', ingredient: 'ibuprofen', atcCode: 'M01AE01', strength: '400 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'NPX500', name: '나프록센정 500mg', ingredient: 'naproxen', atcCode: 'M01AE02', strength: '500 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'BID' },
  { code: 'CXB200', name: '셀레콕시브캡슐 200mg', ingredient: 'celecoxib', atcCode: 'M01AH01', strength: '200 mg', form: '캡슐', doseUnit: '캡슐', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'TRM50', name: '트라마돌염산염캡슐 50mg', ingredient: 'tramadol', atcCode: 'N02AX02', strength: '50 mg', form: '캡슐', doseUnit: '캡슐', defaultRoute: 'PO', defaultFrequency: 'TID' },
  // Gabapentinoids moved from N03AX to N02BF in the 2023 WHO ATC index.
  { code: 'PGB75', name: '프레가발린캡슐 75mg', ingredient: 'pregabalin', atcCode: 'N02BF02', strength: '75 mg', form: '캡슐', doseUnit: '캡슐', defaultRoute: 'PO', defaultFrequency: 'BID' },
  { code: 'GBP300', name: '가바펜틴캡슐 300mg', ingredient: 'gabapentin', atcCode: 'N02BF01', strength: '300 mg', form: '캡슐', doseUnit: '캡슐', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'EPR50', name: '에페리손염산염정 50mg', ingredient: 'eperisone', atcCode: 'M03BX09', strength: '50 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'LEV500', name: '레비티라세탐정 500mg', ingredient: 'levetiracetam', atcCode: 'N03AX14', strength: '500 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'BID' },
  { code: 'SRT50', name: '서트랄린염산염정 50mg', ingredient: 'sertraline', atcCode: 'N06AB06', strength: '50 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'DEXA5I', name: '덱사메타손인산나트륨주 5mg/mL', ingredient: 'dexamethasone', atcCode: 'H02AB02', strength: '5 mg/mL', form: '주사', doseUnit: 'mg', defaultRoute: 'IV', defaultFrequency: 'Q8H' },
  { code: 'MAN20', name: '만니톨주 20% 100mL', ingredient: 'mannitol', atcCode: 'B05BC01', strength: '20 g/100 mL', form: '주사', doseUnit: 'mL', defaultRoute: 'IV', defaultFrequency: 'Q8H' },
  { code: 'PDN5', name: '프레드니솔론정 5mg', ingredient: 'prednisolone', atcCode: 'H02AB06', strength: '5 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'ENX40', name: '에녹사파린나트륨주 40mg/0.4mL', ingredient: 'enoxaparin', atcCode: 'B01AB05', strength: '40 mg/0.4 mL', form: '주사', doseUnit: 'mg', defaultRoute: 'SC', defaultFrequency: 'QD' },
  // Breast surgery (endocrine therapy) and antiemetics
  { code: 'TAM20', name: '타목시펜시트르산염정 20mg', ingredient: 'tamoxifen', atcCode: 'L02BA01', strength: '20 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'LET25', name: '레트로졸정 2.5mg', ingredient: 'letrozole', atcCode: 'L02BG04', strength: '2.5 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'ANA1', name: '아나스트로졸정 1mg', ingredient: 'anastrozole', atcCode: 'L02BG03', strength: '1 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'EXE25', name: '엑세메스탄정 25mg', ingredient: 'exemestane', atcCode: 'L02BG06', strength: '25 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'OND8', name: '온단세트론정 8mg', ingredient: 'ondansetron', atcCode: 'A04AA01', strength: '8 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'BID' },
  // Gastroenterology and pancreas
  { code: 'PAN40', name: '판토프라졸나트륨정 40mg', ingredient: 'pantoprazole', atcCode: 'A02BC02', strength: '40 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'ESO40', name: '에스오메프라졸마그네슘정 40mg', ingredient: 'esomeprazole', atcCode: 'A02BC05', strength: '40 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'FAM20', name: '파모티딘정 20mg', ingredient: 'famotidine', atcCode: 'A02BA03', strength: '20 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'BID' },
  { code: 'REB100', name: '레바미피드정 100mg', ingredient: 'rebamipide', atcCode: 'A02BX14', strength: '100 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'PCL25K', name: '판크레리파제캡슐 25,000단위', ingredient: 'pancrelipase (multienzymes)', atcCode: 'A09AA02', strength: '리파아제 25,000 USP 단위', form: '캡슐', doseUnit: '캡슐', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'UDCA100', name: '우르소데옥시콜산정 100mg', ingredient: 'ursodeoxycholic acid', atcCode: 'A05AA02', strength: '100 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'MCP10', name: '메토클로프라미드정 10mg', ingredient: 'metoclopramide', atcCode: 'A03FA01', strength: '10 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'DOM10', name: '돔페리돈정 10mg', ingredient: 'domperidone', atcCode: 'A03FA03', strength: '10 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'BSC10', name: '부틸스코폴라민브롬화물정 10mg', ingredient: 'butylscopolamine', atcCode: 'A03BB01', strength: '10 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'TID' },
  { code: 'LAC667', name: '락툴로오스시럽 667mg/mL', ingredient: 'lactulose', atcCode: 'A06AD11', strength: '667 mg/mL', form: '시럽', doseUnit: 'mL', defaultRoute: 'PO', defaultFrequency: 'BID' },
  // Cardiovascular, antithrombotics and metabolism (the partners of the commonest serious interactions)
  { code: 'WRF5', name: '와파린나트륨정 5mg', ingredient: 'warfarin', atcCode: 'B01AA03', strength: '5 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'ASA100', name: '아스피린장용정 100mg', ingredient: 'aspirin', atcCode: 'B01AC06', strength: '100 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'CLP75', name: '클로피도그렐황산수소염정 75mg', ingredient: 'clopidogrel', atcCode: 'B01AC04', strength: '75 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'SIM20', name: '심바스타틴정 20mg', ingredient: 'simvastatin', atcCode: 'C10AA01', strength: '20 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QHS' },
  { code: 'ATO20', name: '아토르바스타틴칼슘정 20mg', ingredient: 'atorvastatin', atcCode: 'C10AA05', strength: '20 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'AMD200', name: '아미오다론염산염정 200mg', ingredient: 'amiodarone', atcCode: 'C01BD01', strength: '200 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'SPL25', name: '스피로노락톤정 25mg', ingredient: 'spironolactone', atcCode: 'C03DA01', strength: '25 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'MET500', name: '메트포르민염산염정 500mg', ingredient: 'metformin', atcCode: 'A10BA02', strength: '500 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'BID' },
  // Dermatology and antihistamines
  { code: 'CTZ10', name: '세티리진염산염정 10mg', ingredient: 'cetirizine', atcCode: 'R06AE07', strength: '10 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'LCTZ5', name: '레보세티리진염산염정 5mg', ingredient: 'levocetirizine', atcCode: 'R06AE09', strength: '5 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'FEX180', name: '펙소페나딘염산염정 180mg', ingredient: 'fexofenadine', atcCode: 'R06AX26', strength: '180 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'ISO10', name: '이소트레티노인캡슐 10mg', ingredient: 'isotretinoin', atcCode: 'D10BA01', strength: '10 mg', form: '캡슐', doseUnit: '캡슐', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'TRB250', name: '테르비나핀염산염정 250mg', ingredient: 'terbinafine', atcCode: 'D01BA02', strength: '250 mg', form: '정', doseUnit: '정', defaultRoute: 'PO', defaultFrequency: 'QD' },
  { code: 'MOM01', name: '모메타손푸로에이트연고 0.1%', ingredient: 'mometasone furoate', atcCode: 'D07AC13', strength: '0.1%', form: '연고', doseUnit: '회', defaultRoute: 'TOP', defaultFrequency: 'QD' },
  { code: 'HCT1', name: '히드로코르티손크림 1%', ingredient: 'hydrocortisone', atcCode: 'D07AA02', strength: '1%', form: '크림', doseUnit: '회', defaultRoute: 'TOP', defaultFrequency: 'BID' },
  { code: 'TAC01', name: '타크로리무스연고 0.1%', ingredient: 'tacrolimus', atcCode: 'D11AH01', strength: '0.1%', form: '연고', doseUnit: '회', defaultRoute: 'TOP', defaultFrequency: 'BID' },
  { code: 'FUS2', name: '푸시드산크림 2%', ingredient: 'fusidic acid', atcCode: 'D06AX01', strength: '2%', form: '크림', doseUnit: '회', defaultRoute: 'TOP', defaultFrequency: 'TID' },
];

const BY_CODE = new Map(FORMULARY.map((drug) => [drug.code, drug]));
const ATC_PREFIX = /^[A-Z]\d{2}[A-Z]{0,2}\d{0,2}$/;
const compact = (text: string) => text.replace(/\s/g, '').toLowerCase();

/** The drug with this internal code (case-insensitive), or undefined. */
export function drugByCode(code: string): FormularyDrug | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}

/**
 * Drugs matching a search box entry, in formulary order: part of the Korean name (spaces ignored)
 * or its 초성 (`ㅇㅁㅅ` → 아목시실린), part of the ingredient, the start of the internal code, or an
 * ATC prefix (`J01` lists the antibacterials). An empty query lists the whole formulary.
 */
export function searchFormulary(query?: string): FormularyDrug[] {
  const term = query?.trim() ?? '';
  if (!term) return [...FORMULARY];
  const needle = compact(term);
  const upper = term.toUpperCase();
  const chosung = isChosungQuery(term) ? term.replace(/\s/g, '') : null;
  return FORMULARY.filter((drug) =>
    compact(drug.name).includes(needle)
    || (chosung !== null && toChosung(drug.name).includes(chosung))
    || drug.ingredient.toLowerCase().includes(term.toLowerCase())
    || drug.code.startsWith(upper)
    || (ATC_PREFIX.test(upper) && drug.atcCode.startsWith(upper)));
}
