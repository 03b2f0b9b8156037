import { defineMessages } from '../../../shared/i18n';

export const t = defineMessages({
  ko: {
    title: 'AI 분석', run: 'AI 분석 실행', running: '요청 중…', none: '아직 AI 분석이 없습니다.', progress: '{pipeline}: {status}',
    summary: '소견', recommendations: '권고', guidelines: '가이드라인', guideline: '기준', category: '분류', recommendation: '권고', citation: '근거',
    findings: '병변', finding: '병변', longAxis: '장경 (mm)', shortAxis: '단경 (mm)', mean: '평균 직경 (mm)', volume: '부피 (mL)',
    suspicion: '의심도', suspicion0: '없음', suspicion1: '낮음', suspicion2: '의심', suspicion3: '높음', confidence: '신뢰도',
    models: '사용한 AI 모델', intendedUse: '사용 목적', limitations: '한계', notClinical: '참고용 모델 — 임상 사용 불가', version: '버전',
    view3d: '3D 보기', hide3d: '3D 닫기', loading3d: '3D 화면을 불러오는 중…', failed: '분석 실패', classification: '분류 결과', warnings: '주의',
  },
  en: {
    title: 'AI analysis', run: 'Run AI analysis', running: 'Requesting…', none: 'No AI analysis yet.', progress: '{pipeline}: {status}',
    summary: 'Findings', recommendations: 'Recommendations', guidelines: 'Guidelines', guideline: 'Guideline', category: 'Category', recommendation: 'Recommendation', citation: 'Source',
    findings: 'Lesions', finding: 'Lesion', longAxis: 'Long axis (mm)', shortAxis: 'Short axis (mm)', mean: 'Mean diameter (mm)', volume: 'Volume (mL)',
    suspicion: 'Suspicion', suspicion0: 'None', suspicion1: 'Low', suspicion2: 'Suspicious', suspicion3: 'High', confidence: 'Confidence',
    models: 'AI models used', intendedUse: 'Intended use', limitations: 'Limitations', notClinical: 'Reference model — not for clinical use', version: 'Version',
    view3d: '3D view', hide3d: 'Close 3D', loading3d: 'Loading the 3D view…', failed: 'Analysis failed', classification: 'Classification', warnings: 'Warnings',
  },
});
