import { DRUG_CLASSES as C } from './drug-classes.js';
import {
  AMIODARONE_LABEL, COUMADIN_LABEL, EMA_DOMPERIDONE, METHOTREXATE_LABEL, NSAID_CLASS_LABEL, ONC_HIGH_PRIORITY, ULTRAM_LABEL, ZOCOR_LABEL,
} from './sources.js';
import type { AlertSeverity } from './types.js';

/**
 * One drug–drug interaction: every ingredient of `a` with every ingredient of `b`. Only
 * well-established pairs, each with a citation; where membership of a published list (ONC, the
 * Korean DUR) is not certain the product label is cited instead.
 */
export interface Interaction {
  a: readonly string[];
  b: readonly string[];
  severity: AlertSeverity;
  /** Korean first, English in parentheses. */
  message: string;
  source: string;
}

export const INTERACTIONS: readonly Interaction[] = [
  // Contraindicated (hard stop)
  {
    a: C.cyp3a4Statin, b: C.strongCyp3a4Inhibitor, severity: 'contraindicated',
    message: '심바스타틴·로바스타틴과 강력한 CYP3A4 억제제 병용 금기: 횡문근융해증 위험 (simvastatin/lovastatin + strong CYP3A4 inhibitor: contraindicated, risk of rhabdomyolysis)',
    source: `${ONC_HIGH_PRIORITY} (HMG-CoA reductase inhibitors + CYP3A4 inhibitors); ${ZOCOR_LABEL}`,
  },
  {
    a: ['simvastatin'], b: ['gemfibrozil'], severity: 'contraindicated',
    message: '심바스타틴과 겜피브로질 병용 금기: 근병증·횡문근융해증 위험 (simvastatin + gemfibrozil: contraindicated, myopathy/rhabdomyolysis)',
    source: ZOCOR_LABEL,
  },
  {
    a: ['tramadol'], b: C.maoi, severity: 'contraindicated',
    message: '트라마돌과 MAO 억제제 병용 금기: 세로토닌 증후군 위험 (tramadol + MAO inhibitor: contraindicated, serotonin syndrome)',
    source: `${ONC_HIGH_PRIORITY} (narcotic analgesics + MAO inhibitors); ${ULTRAM_LABEL}`,
  },
  {
    a: C.ssri, b: C.maoi, severity: 'contraindicated',
    message: 'SSRI와 MAO 억제제 병용 금기: 세로토닌 증후군 위험 (SSRI + MAO inhibitor: contraindicated, serotonin syndrome)',
    source: `${ONC_HIGH_PRIORITY} (SSRIs + MAO inhibitors); ZOLOFT (sertraline) US prescribing information, §4 Contraindications`,
  },
  {
    a: ['dextromethorphan'], b: C.maoi, severity: 'contraindicated',
    message: '덱스트로메토르판과 MAO 억제제 병용 금기: 세로토닌 증후군 위험 (dextromethorphan + MAO inhibitor: contraindicated, serotonin syndrome)',
    source: '21 CFR 341.80 (antitussive labelling: do not use with a prescription MAO inhibitor or within 2 weeks of stopping it)',
  },
  {
    a: ['tizanidine'], b: ['ciprofloxacin'], severity: 'contraindicated',
    message: '티자니딘과 시프로플록사신 병용 금기: 티자니딘 농도 급증, 저혈압·과진정 (tizanidine + ciprofloxacin: contraindicated, CYP1A2 inhibition, hypotension and sedation)',
    source: `${ONC_HIGH_PRIORITY} (tizanidine + CYP1A2 inhibitors); ZANAFLEX (tizanidine) US prescribing information, §4 Contraindications`,
  },
  {
    a: ['isotretinoin'], b: C.tetracycline, severity: 'contraindicated',
    message: '이소트레티노인과 테트라사이클린계 병용 금기: 두개내압 상승(가성뇌종양) 위험 (isotretinoin + tetracycline: contraindicated, pseudotumor cerebri)',
    source: 'Isotretinoin labelling: ROACCUTANE SmPC §4.3 Contraindications (tetracyclines); isotretinoin US prescribing information, Warnings (pseudotumor cerebri with tetracyclines)',
  },
  {
    a: ['domperidone'], b: C.strongCyp3a4Inhibitor, severity: 'contraindicated',
    message: '돔페리돈과 강력한 CYP3A4 억제제 병용 금기: QT 연장·심실성 부정맥 위험 (domperidone + potent CYP3A4 inhibitor: contraindicated, QT prolongation)',
    source: EMA_DOMPERIDONE,
  },
  {
    a: ['domperidone'], b: ['amiodarone', 'levofloxacin'], severity: 'contraindicated',
    message: '돔페리돈과 QT 연장 약물 병용 금기: 심실성 부정맥 위험 (domperidone + QT-prolonging drug: contraindicated)',
    source: EMA_DOMPERIDONE,
  },
  {
    a: ['fluconazole'], b: ['erythromycin'], severity: 'contraindicated',
    message: '플루코나졸과 에리트로마이신 병용 금기: QT 연장·torsades de pointes 위험 (fluconazole + erythromycin: contraindicated, QT prolongation)',
    source: 'DIFLUCAN (fluconazole) US prescribing information, Contraindications (QT-prolonging CYP3A4 substrates such as erythromycin)',
  },
  // Major (override with a reason)
  {
    a: ['simvastatin'], b: ['amiodarone'], severity: 'major',
    message: '심바스타틴과 아미오다론 병용: 근병증 위험, 심바스타틴 1일 20 mg 이하 (simvastatin + amiodarone: myopathy risk, do not exceed simvastatin 20 mg/day)',
    source: ZOCOR_LABEL,
  },
  {
    a: ['warfarin'], b: C.nsaid, severity: 'major',
    message: '와파린과 NSAID 병용: 출혈 위험 증가 (warfarin + NSAID: increased bleeding risk)',
    source: `${COUMADIN_LABEL} (NSAIDs); ${NSAID_CLASS_LABEL}`,
  },
  {
    a: ['warfarin'], b: C.antiplatelet, severity: 'major',
    message: '와파린과 항혈소판제 병용: 출혈 위험 증가 (warfarin + antiplatelet: increased bleeding risk)',
    source: `${COUMADIN_LABEL} (antiplatelet agents); PLAVIX (clopidogrel) US prescribing information, §7 Drug Interactions (warfarin)`,
  },
  {
    a: ['warfarin'], b: C.cyp2c9Inhibitor, severity: 'major',
    message: '와파린과 CYP2C9 억제제 병용: INR 상승·출혈 위험, INR 감시와 용량 조절 (warfarin + CYP2C9 inhibitor: raised INR and bleeding, monitor INR)',
    source: `${COUMADIN_LABEL} (CYP2C9 inhibitors: amiodarone, co-trimoxazole, fluconazole, metronidazole, voriconazole)`,
  },
  {
    a: ['clopidogrel'], b: C.cyp2c19Ppi, severity: 'major',
    message: '클로피도그렐과 오메프라졸·에스오메프라졸 병용: CYP2C19 억제로 항혈소판 효과 감소, 판토프라졸 등으로 대체 (clopidogrel + omeprazole/esomeprazole: reduced antiplatelet effect, avoid)',
    source: 'PLAVIX (clopidogrel) US prescribing information, §5.1 Diminished antiplatelet activity (CYP2C19); §7 Drug Interactions',
  },
  {
    a: ['enoxaparin'], b: [...C.nsaid, ...C.antiplatelet], severity: 'major',
    message: '에녹사파린과 NSAID·항혈소판제 병용: 출혈 및 척추·경막외 혈종 위험 (enoxaparin + NSAID/antiplatelet: bleeding and spinal/epidural haematoma risk)',
    source: 'LOVENOX (enoxaparin) US prescribing information, Boxed Warning; §7 Drug Interactions',
  },
  {
    a: ['methotrexate'], b: [...C.nsaid, 'aspirin'], severity: 'major',
    message: '메토트렉세이트와 NSAID·살리실산 병용: 메토트렉세이트 배설 감소, 골수억제·신독성 위험 (methotrexate + NSAID/salicylate: reduced clearance, marrow and renal toxicity)',
    source: METHOTREXATE_LABEL,
  },
  {
    a: ['methotrexate'], b: ['trimethoprim'], severity: 'major',
    message: '메토트렉세이트와 트리메토프림(코트리목사졸) 병용: 엽산길항 상승, 골수억제 위험 (methotrexate + trimethoprim/co-trimoxazole: additive antifolate marrow suppression)',
    source: METHOTREXATE_LABEL,
  },
  {
    a: ['tramadol'], b: C.ssri, severity: 'major',
    message: '트라마돌과 SSRI 병용: 세로토닌 증후군·경련 위험 (tramadol + SSRI: serotonin syndrome and seizure risk)',
    source: ULTRAM_LABEL,
  },
  {
    a: ['amiodarone'], b: [...C.fluoroquinolone, ...C.macrolide, 'fluconazole'], severity: 'major',
    message: '아미오다론과 QT 연장 약물 병용: QT 연장·torsades de pointes 위험 (amiodarone + QT-prolonging anti-infective: QT prolongation)',
    source: `${AMIODARONE_LABEL} (fluoroquinolones, macrolides, azoles); LEVAQUIN (levofloxacin) US prescribing information, §5 QT prolongation`,
  },
  {
    a: ['amiodarone'], b: ['digoxin'], severity: 'major',
    message: '아미오다론과 디곡신 병용: 디곡신 농도 상승, 디곡신 용량 절반으로 감량 (amiodarone + digoxin: raised digoxin levels, halve the digoxin dose)',
    source: AMIODARONE_LABEL,
  },
  {
    a: ['spironolactone'], b: ['potassium chloride'], severity: 'major',
    message: '스피로노락톤과 칼륨 보충제 병용: 고칼륨혈증 위험 (spironolactone + potassium supplement: hyperkalaemia)',
    source: 'ALDACTONE (spironolactone) US prescribing information, §5.1 Hyperkalemia; §7 Drug Interactions',
  },
  // Moderate (warning)
  {
    a: ['atorvastatin'], b: ['clarithromycin', 'itraconazole'], severity: 'moderate',
    message: '아토르바스타틴과 클래리트로마이신·이트라코나졸 병용: 근병증 위험, 아토르바스타틴 20 mg 초과 시 주의 (atorvastatin + clarithromycin/itraconazole: myopathy risk above 20 mg)',
    source: 'LIPITOR (atorvastatin) US prescribing information, §7 Drug Interactions',
  },
  {
    a: ['warfarin'], b: C.ssri, severity: 'moderate',
    message: '와파린과 SSRI 병용: 출혈 위험 증가 (warfarin + SSRI: increased bleeding risk)',
    source: `${COUMADIN_LABEL} (SSRIs)`,
  },
  {
    a: ['warfarin'], b: [...C.fluoroquinolone, ...C.macrolide], severity: 'moderate',
    message: '와파린과 항생제 병용: INR 변동, INR 감시 (warfarin + antibiotic: INR changes, monitor INR)',
    source: `${COUMADIN_LABEL} (antibiotics and antifungals); LEVAQUIN (levofloxacin) US prescribing information, §7 (warfarin)`,
  },
  {
    a: ['warfarin'], b: ['enoxaparin'], severity: 'moderate',
    message: '와파린과 에녹사파린 병용: 출혈 위험, 가교요법 외에는 피함 (warfarin + enoxaparin: bleeding risk outside bridging)',
    source: `${COUMADIN_LABEL} (other anticoagulants)`,
  },
  {
    a: ['clopidogrel'], b: C.nsaid, severity: 'moderate',
    message: '클로피도그렐과 NSAID 병용: 위장관 출혈 위험 증가 (clopidogrel + NSAID: gastrointestinal bleeding)',
    source: 'PLAVIX (clopidogrel) US prescribing information, §7 Drug Interactions (NSAIDs)',
  },
  {
    a: ['methotrexate'], b: C.ppi, severity: 'moderate',
    message: '메토트렉세이트와 PPI 병용: 메토트렉세이트 농도 상승 가능 (특히 고용량) (methotrexate + PPI: raised methotrexate levels, mainly at high dose)',
    source: METHOTREXATE_LABEL,
  },
  {
    a: ['ondansetron'], b: ['tramadol', ...C.ssri], severity: 'moderate',
    message: '온단세트론과 세로토닌성 약물 병용: 세로토닌 증후군 주의 (ondansetron + serotonergic drug: serotonin syndrome)',
    source: 'ZOFRAN (ondansetron) US prescribing information, §5 Serotonin syndrome',
  },
  {
    a: ['tramadol'], b: C.gabapentinoid, severity: 'moderate',
    message: '트라마돌과 가바펜티노이드 병용: 호흡억제·과진정 위험 (tramadol + gabapentinoid: respiratory depression and sedation)',
    source: 'FDA Drug Safety Communication (2019-12-19): serious breathing difficulties with gabapentin and pregabalin taken with opioids and other CNS depressants',
  },
  {
    a: ['digoxin'], b: ['clarithromycin'], severity: 'moderate',
    message: '디곡신과 클래리트로마이신 병용: 디곡신 농도 상승, 혈중농도 감시 (digoxin + clarithromycin: raised digoxin levels, monitor)',
    source: 'BIAXIN (clarithromycin) US prescribing information, §7 Drug Interactions (digoxin)',
  },
  {
    a: ['spironolactone'], b: C.nsaid, severity: 'moderate',
    message: '스피로노락톤과 NSAID 병용: 이뇨효과 감소·고칼륨혈증 위험 (spironolactone + NSAID: reduced diuresis, hyperkalaemia)',
    source: 'ALDACTONE (spironolactone) US prescribing information, §7 Drug Interactions (NSAIDs)',
  },
  {
    a: ['ibuprofen'], b: ['aspirin'], severity: 'moderate',
    message: '이부프로펜과 저용량 아스피린 병용: 아스피린의 항혈소판 효과 감소 (ibuprofen + low-dose aspirin: blunted antiplatelet effect)',
    source: 'FDA Science Paper: Concomitant use of ibuprofen and aspirin: potential for attenuation of the anti-platelet effect of aspirin (September 2006)',
  },
  {
    a: C.nsaid, b: C.systemicCorticosteroid, severity: 'moderate',
    message: 'NSAID와 전신 코르티코스테로이드 병용: 위장관 출혈·궤양 위험 (NSAID + systemic corticosteroid: gastrointestinal bleeding)',
    source: NSAID_CLASS_LABEL,
  },
  {
    a: C.nsaid, b: C.ssri, severity: 'moderate',
    message: 'NSAID와 SSRI 병용: 출혈 위험 증가 (NSAID + SSRI: increased bleeding risk)',
    source: `${NSAID_CLASS_LABEL}; ZOLOFT (sertraline) US prescribing information, §5 Increased risk of bleeding`,
  },
  {
    a: C.fluoroquinolone, b: C.systemicCorticosteroid, severity: 'moderate',
    message: '플루오로퀴놀론과 전신 코르티코스테로이드 병용: 건염·건파열 위험 증가 (fluoroquinolone + systemic corticosteroid: tendinitis and tendon rupture)',
    source: 'LEVAQUIN (levofloxacin) US prescribing information, Boxed Warning (tendon rupture, risk increased with corticosteroids)',
  },
  {
    a: C.fluoroquinolone, b: C.nsaid, severity: 'moderate',
    message: '플루오로퀴놀론과 NSAID 병용: 중추신경 자극·경련 위험 (fluoroquinolone + NSAID: CNS stimulation and seizures)',
    source: 'LEVAQUIN (levofloxacin) US prescribing information, §7 Drug Interactions (NSAIDs)',
  },
];
