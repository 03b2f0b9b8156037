import { defineMessages } from '../../../shared/i18n';

export const t = defineMessages({
  ko: {
    title: 'AI 분석', run: 'AI 분석 실행', rerun: 'AI 분석 다시 실행', running: '요청 중…', none: '아직 AI 분석이 없습니다.', noImage: '영상이 없어 AI 분석을 할 수 없습니다.',
    progress: '{pipeline}: {status}', steps: '분석 진행 상태',
    summary: '소견', recommendations: '권고', guidelines: '가이드라인', guideline: '기준', category: '분류', recommendation: '권고', citation: '근거',
    findings: '병변', finding: '병변', longAxis: '장경 (mm)', shortAxis: '단경 (mm)', mean: '평균 직경 (mm)', volume: '부피 (mL)',
    suspicion: '의심도', suspicion0: '없음', suspicion1: '낮음', suspicion2: '의심', suspicion3: '높음', confidence: '신뢰도',
    badge0: 'AI 이상 없음', badge1: 'AI 낮은 의심', badge2: 'AI 의심', badge3: 'AI 높은 의심',
    models: '사용한 AI 모델', intendedUse: '사용 목적', limitations: '한계', notClinical: '참고용 모델 — 임상 사용 불가', version: '버전',
    notClinicalNotice: '임상 사용 불가: 참고용 모델의 결과입니다. 진단에 사용하지 마세요.',
    view3d: '3D 보기', hide3d: '3D 닫기', loading3d: '3D 화면을 불러오는 중…', failed: '분석 실패', classification: '분류 결과', warnings: '주의',
    overlay: '영상 위 AI 분할 (2D)', overlayLoading: '겹쳐 보기 영상을 불러오는 중…',
    overlayAlt: 'AI 분할 겹쳐 보기: {pipeline} — 슬라이스 {slice}/{total}, {labels}',
    previousSlice: '이전 소견 슬라이스', nextSlice: '다음 소견 슬라이스', sliceNavigation: '소견이 있는 슬라이스 이동',
    sliceCounter: '슬라이스 {slice} / {total}', findingCounter: '소견 슬라이스 {n} / {count}', legend: '분할 색',
  },
  en: {
    title: 'AI analysis', run: 'Run AI analysis', rerun: 'Run AI analysis again', running: 'Requesting…', none: 'No AI analysis yet.', noImage: 'No images: nothing to analyse.',
    progress: '{pipeline}: {status}', steps: 'Analysis progress',
    summary: 'Findings', recommendations: 'Recommendations', guidelines: 'Guidelines', guideline: 'Guideline', category: 'Category', recommendation: 'Recommendation', citation: 'Source',
    findings: 'Lesions', finding: 'Lesion', longAxis: 'Long axis (mm)', shortAxis: 'Short axis (mm)', mean: 'Mean diameter (mm)', volume: 'Volume (mL)',
    suspicion: 'Suspicion', suspicion0: 'None', suspicion1: 'Low', suspicion2: 'Suspicious', suspicion3: 'High', confidence: 'Confidence',
    badge0: 'AI: nothing', badge1: 'AI: low', badge2: 'AI: suspicious', badge3: 'AI: high',
    models: 'AI models used', intendedUse: 'Intended use', limitations: 'Limitations', notClinical: 'Reference model — not for clinical use', version: 'Version',
    notClinicalNotice: 'Not for clinical use: a reference model produced this result. Do not diagnose from it.',
    view3d: '3D view', hide3d: 'Close 3D', loading3d: 'Loading the 3D view…', failed: 'Analysis failed', classification: 'Classification', warnings: 'Warnings',
    overlay: 'AI segmentation on the image (2D)', overlayLoading: 'Loading the overlay…',
    overlayAlt: 'AI segmentation overlay: {pipeline} — slice {slice}/{total}, {labels}',
    previousSlice: 'Previous slice with findings', nextSlice: 'Next slice with findings', sliceNavigation: 'Step through the slices with findings',
    sliceCounter: 'Slice {slice} / {total}', findingCounter: 'Finding slice {n} / {count}', legend: 'Segment colours',
  },
});

export type MessageKey = Parameters<typeof t>[0];
