/**
 * Generic ingredient (INN) names the checker resolves, with their Korean names. Formulary
 * ingredients take their ATC code from the formulary; the others (home medications and the
 * interaction partners of the knowledge base) carry their WHO ATC code here.
 */
export interface InnName {
  /** Lowercase INN as the checker uses it. */
  inn: string;
  /** Korean ingredient names (spaces ignored when matching). */
  ko: readonly string[];
  /** Other English names for the same ingredient (USAN, salts, older names). */
  aliases?: readonly string[];
  /** WHO ATC code; only for ingredients without a single-ingredient formulary product. */
  atcCode?: string;
}

export const INN_NAMES: readonly InnName[] = [
  // Formulary ingredients (single products and parts of combinations)
  { inn: 'amoxicillin', ko: ['아목시실린'] },
  { inn: 'clavulanic acid', ko: ['클라불란산', '클라불란산칼륨'], aliases: ['clavulanate', 'potassium clavulanate'] },
  { inn: 'levofloxacin', ko: ['레보플록사신'] },
  { inn: 'azithromycin', ko: ['아지트로마이신'] },
  { inn: 'clarithromycin', ko: ['클래리트로마이신', '클라리트로마이신'] },
  { inn: 'ceftriaxone', ko: ['세프트리악손'] },
  { inn: 'cefuroxime', ko: ['세푸록심', '세푸록심악세틸'], aliases: ['cefuroxime axetil'] },
  { inn: 'piperacillin', ko: ['피페라실린'], atcCode: 'J01CA12' },
  { inn: 'tazobactam', ko: ['타조박탐'], atcCode: 'J01CG02' },
  { inn: 'doxycycline', ko: ['독시사이클린'] },
  { inn: 'fluconazole', ko: ['플루코나졸'] },
  { inn: 'montelukast', ko: ['몬테루카스트'] },
  { inn: 'budesonide', ko: ['부데소니드'], atcCode: 'R03BA02' },
  { inn: 'formoterol', ko: ['포르모테롤'], atcCode: 'R03AC13' },
  { inn: 'fluticasone', ko: ['플루티카손'], atcCode: 'R03BA05' },
  { inn: 'salmeterol', ko: ['살메테롤'], atcCode: 'R03AC12' },
  { inn: 'tiotropium bromide', ko: ['티오트로피움', '티오트로피움브롬화물'], aliases: ['tiotropium'] },
  { inn: 'salbutamol', ko: ['살부타몰'], aliases: ['albuterol'] },
  { inn: 'erdosteine', ko: ['에르도스테인'] },
  { inn: 'acetylcysteine', ko: ['아세틸시스테인'], aliases: ['n-acetylcysteine'] },
  { inn: 'dextromethorphan', ko: ['덱스트로메토르판'] },
  { inn: 'paracetamol', ko: ['아세트아미노펜', '파라세타몰'], aliases: ['acetaminophen'] },
  { inn: 'ibuprofen', ko: ['이부프로펜'] },
  { inn: 'naproxen', ko: ['나프록센'] },
  { inn: 'celecoxib', ko: ['셀레콕시브'] },
  { inn: 'tramadol', ko: ['트라마돌'] },
  { inn: 'pregabalin', ko: ['프레가발린'] },
  { inn: 'gabapentin', ko: ['가바펜틴'] },
  { inn: 'eperisone', ko: ['에페리손'] },
  { inn: 'levetiracetam', ko: ['레비티라세탐', '레베티라세탐'] },
  { inn: 'sertraline', ko: ['서트랄린'] },
  { inn: 'dexamethasone', ko: ['덱사메타손'] },
  { inn: 'mannitol', ko: ['만니톨'] },
  { inn: 'prednisolone', ko: ['프레드니솔론'] },
  { inn: 'enoxaparin', ko: ['에녹사파린'] },
  { inn: 'tamoxifen', ko: ['타목시펜'] },
  { inn: 'letrozole', ko: ['레트로졸'] },
  { inn: 'anastrozole', ko: ['아나스트로졸'] },
  { inn: 'exemestane', ko: ['엑세메스탄'] },
  { inn: 'ondansetron', ko: ['온단세트론'] },
  { inn: 'pantoprazole', ko: ['판토프라졸'] },
  { inn: 'esomeprazole', ko: ['에스오메프라졸'] },
  { inn: 'famotidine', ko: ['파모티딘'] },
  { inn: 'rebamipide', ko: ['레바미피드'] },
  { inn: 'pancrelipase', ko: ['판크레리파제'] },
  { inn: 'ursodeoxycholic acid', ko: ['우르소데옥시콜산'], aliases: ['ursodiol'] },
  { inn: 'metoclopramide', ko: ['메토클로프라미드'] },
  { inn: 'domperidone', ko: ['돔페리돈'] },
  { inn: 'butylscopolamine', ko: ['부틸스코폴라민'], aliases: ['hyoscine butylbromide', 'scopolamine butylbromide'] },
  { inn: 'lactulose', ko: ['락툴로오스'] },
  { inn: 'warfarin', ko: ['와파린'], aliases: ['warfarin sodium'] },
  { inn: 'aspirin', ko: ['아스피린', '아세틸살리실산'], aliases: ['acetylsalicylic acid'] },
  { inn: 'clopidogrel', ko: ['클로피도그렐'] },
  { inn: 'simvastatin', ko: ['심바스타틴'] },
  { inn: 'atorvastatin', ko: ['아토르바스타틴'] },
  { inn: 'amiodarone', ko: ['아미오다론'] },
  { inn: 'spironolactone', ko: ['스피로노락톤'] },
  { inn: 'metformin', ko: ['메트포르민'] },
  { inn: 'cetirizine', ko: ['세티리진'] },
  { inn: 'levocetirizine', ko: ['레보세티리진'] },
  { inn: 'fexofenadine', ko: ['펙소페나딘'] },
  { inn: 'isotretinoin', ko: ['이소트레티노인'] },
  { inn: 'terbinafine', ko: ['테르비나핀'] },
  { inn: 'mometasone furoate', ko: ['모메타손', '모메타손푸로에이트'], aliases: ['mometasone'] },
  { inn: 'hydrocortisone', ko: ['히드로코르티손', '하이드로코르티손'] },
  { inn: 'tacrolimus', ko: ['타크로리무스'] },
  { inn: 'fusidic acid', ko: ['푸시드산'] },
  // Not on the formulary: home medications and interaction or allergy partners
  { inn: 'omeprazole', ko: ['오메프라졸'], atcCode: 'A02BC01' },
  { inn: 'diclofenac', ko: ['디클로페낙'], atcCode: 'M01AB05' },
  { inn: 'ketorolac', ko: ['케토롤락'], atcCode: 'M01AB15' },
  { inn: 'meloxicam', ko: ['멜록시캄'], atcCode: 'M01AC06' },
  { inn: 'erythromycin', ko: ['에리트로마이신'], atcCode: 'J01FA01' },
  { inn: 'ciprofloxacin', ko: ['시프로플록사신'], atcCode: 'J01MA02' },
  { inn: 'itraconazole', ko: ['이트라코나졸'], atcCode: 'J02AC02' },
  { inn: 'ketoconazole', ko: ['케토코나졸'], atcCode: 'J02AB02' },
  { inn: 'voriconazole', ko: ['보리코나졸'], atcCode: 'J02AC03' },
  { inn: 'posaconazole', ko: ['포사코나졸'], atcCode: 'J02AC04' },
  { inn: 'metronidazole', ko: ['메트로니다졸'], atcCode: 'P01AB01' },
  { inn: 'sulfamethoxazole', ko: ['설파메톡사졸'], atcCode: 'J01EC01' },
  { inn: 'trimethoprim', ko: ['트리메토프림'], atcCode: 'J01EA01' },
  { inn: 'sulfasalazine', ko: ['설파살라진'], atcCode: 'A07EC01' },
  { inn: 'ampicillin', ko: ['암피실린'], atcCode: 'J01CA01' },
  { inn: 'benzylpenicillin', ko: ['벤질페니실린', '페니실린G'], aliases: ['penicillin g'], atcCode: 'J01CE01' },
  { inn: 'phenoxymethylpenicillin', ko: ['페녹시메틸페니실린', '페니실린V'], aliases: ['penicillin v'], atcCode: 'J01CE02' },
  { inn: 'cefazolin', ko: ['세파졸린'], atcCode: 'J01DB04' },
  { inn: 'cefalexin', ko: ['세팔렉신'], aliases: ['cephalexin'], atcCode: 'J01DB01' },
  { inn: 'cefaclor', ko: ['세파클러'], atcCode: 'J01DC04' },
  { inn: 'minocycline', ko: ['미노사이클린'], atcCode: 'J01AA08' },
  { inn: 'tetracycline', ko: ['테트라사이클린'], atcCode: 'J01AA07' },
  { inn: 'lovastatin', ko: ['로바스타틴'], atcCode: 'C10AA02' },
  { inn: 'gemfibrozil', ko: ['겜피브로질'], atcCode: 'C10AB04' },
  { inn: 'digoxin', ko: ['디곡신'], atcCode: 'C01AA05' },
  { inn: 'potassium chloride', ko: ['염화칼륨'], atcCode: 'A12BA01' },
  { inn: 'methotrexate', ko: ['메토트렉세이트'], atcCode: 'L04AX03' },
  { inn: 'tizanidine', ko: ['티자니딘'], atcCode: 'M03BX02' },
  { inn: 'fluoxetine', ko: ['플루옥세틴'], atcCode: 'N06AB03' },
  { inn: 'paroxetine', ko: ['파록세틴'], atcCode: 'N06AB05' },
  { inn: 'citalopram', ko: ['시탈로프람'], atcCode: 'N06AB04' },
  { inn: 'escitalopram', ko: ['에스시탈로프람'], atcCode: 'N06AB10' },
  { inn: 'selegiline', ko: ['셀레길린'], atcCode: 'N04BD01' },
  { inn: 'rasagiline', ko: ['라사길린'], atcCode: 'N04BD02' },
  { inn: 'moclobemide', ko: ['모클로베미드'], atcCode: 'N06AG02' },
];

/** Whole-name aliases of combinations, matched before a name is split into its parts. */
export const COMBINATION_ALIASES: Readonly<Record<string, string>> = {
  'co-amoxiclav': 'amoxicillin/clavulanic acid',
  'amoxicillin-clavulanate': 'amoxicillin/clavulanic acid',
  'co-trimoxazole': 'sulfamethoxazole/trimethoprim',
  cotrimoxazole: 'sulfamethoxazole/trimethoprim',
  'tmp-smx': 'sulfamethoxazole/trimethoprim',
  'tmp/smx': 'sulfamethoxazole/trimethoprim',
  'trimethoprim-sulfamethoxazole': 'sulfamethoxazole/trimethoprim',
  'sulfamethoxazole-trimethoprim': 'sulfamethoxazole/trimethoprim',
  '코트리목사졸': 'sulfamethoxazole/trimethoprim',
};

/** WHO ATC codes of combinations not on the formulary, keyed by their sorted ingredients. */
export const COMBINATION_ATC: Readonly<Record<string, string>> = {
  'sulfamethoxazole/trimethoprim': 'J01EE01',
};
