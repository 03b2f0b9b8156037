import { defineMessages } from '../../shared/i18n';

export const t = defineMessages({
  ko: {
    app: '영상의학과', dashboard: '대시보드', worklist: '판독 대기 목록', awaiting: '판독 대기', reading: '판독 중', stat: '초응급',
    signedToday: '오늘 서명한 판독', priority: '우선순위', patient: '환자', procedure: '검사', modality: '장비', ai: 'AI 소견', status: '상태',
    noWork: '판독할 검사가 없습니다.', scheduled: '촬영 일시',
    // Worklist
    worklistHint: '초응급·응급 순, 같은 우선순위에서는 AI가 의심 소견을 표시한 검사가 먼저입니다.', open: '판독 열기', accession: '접수번호',
    // Study / report screen
    study: '검사', studyTitle: '판독: {procedure}', notAcquired: '아직 촬영되지 않은 검사입니다.', startReport: '판독 시작',
    noReport: '이 검사의 판독서가 아직 없습니다. 판독을 시작하면 초안이 만들어지고 공동 편집기가 열립니다.', reportStatus: '판독서 상태',
    orderNumber: '오더 번호', acquiredAt: '촬영 완료', version: '버전', reportTitle: '판독서 #{id}', studyDescription: '검사',
    // Editor
    editorTitle: '판독서 공동 편집', findings: '소견 (Findings)', impression: '결론 (Impression)', recommendations: '권고 (Recommendations)',
    aiFindings: 'AI 소견 (참고, 읽기 전용)', connecting: '연결 중…', connected: '실시간 연결됨', disconnected: '연결 끊김 — 다시 연결하는 중',
    synced: '동기화됨', readOnly: '읽기 전용', here: '지금 편집 중인 사람', you: '나', finalize: '최종 서명 (Finalize)',
    finalizeConfirm: '지금 문서의 내용으로 최종 서명합니다. 서명 후에는 편집할 수 없습니다.', finalized: '최종 서명되었습니다.',
    closedFor: '편집기 연결이 종료되었습니다: {reason}', reconnect: '다시 연결', finalNotice: '서명된 판독서입니다. 편집하려면 수정판독이 필요합니다.',
    // History
    historyTitle: '판독 이력', contributorsTitle: '작성에 참여한 사람', updates: '변경 {n}회', lastEdit: '마지막 편집', noContributors: '아직 편집한 사람이 없습니다.',
    kind: '종류', author: '작성자', when: '시각', reason: '사유', noHistory: '이력이 없습니다.', refresh: '새로 고침',
    CREATE: '작성', SAVE: '임시저장', PRELIMINARY: '예비판독', FINAL: '최종판독', AMEND: '수정판독', RELEASE: '환자 공개',
    // Reports list
    reports: '판독서', reportsTitle: '판독서 목록', mineOnly: '내 판독만', allStatuses: '모든 상태', noReports: '판독서가 없습니다.',
    updated: '수정', signed: '서명',
    // Amendment
    amend: '수정판독', amendHint: '서명된 판독서를 고칩니다. 사유와 함께 고친 내용이 곧바로 수정판독으로 서명되고, 공동 편집 문서가 다시 열립니다.',
    amendReason: '수정판독 사유', amendFindings: '수정할 소견', amendConclusion: '수정할 결론', amendRecommendations: '수정할 권고',
    amendSubmit: '수정판독 서명', cancel: '취소', required: '필수',
    amendOpen: '수정판독으로 다시 열린 문서입니다. 고친 뒤 사유와 함께 다시 서명하세요.', signReason: '재서명 사유', finalizeAmendment: '수정판독 다시 서명', amendmentSigned: '수정판독이 서명되었습니다.',
    // Statistics
    statistics: '판독 통계', statisticsHint: '서명한 판독(예비·최종·수정)과 아직 열려 있는 판독서를 나와 영상의학과 전체로 비교합니다.',
    today: '오늘', lastDays: '최근 {n}일', mySigned: '내가 서명한 판독', myFinals: '내 최종판독', myAmendments: '내 수정판독', myOpenDrafts: '내 작성 중 판독서',
    allSigned: '전체 서명 판독', compareCaption: '{period}: 나와 전체 비교', measure: '항목', mine: '나', everyone: '전체',
    signedPreliminary: '예비판독 서명', signedFinal: '최종판독 서명', signedAmend: '수정판독 서명', openDrafts: '작성 중 판독서', openPreliminary: '예비판독 상태 판독서',
  },
  en: {
    app: 'Radiologist', dashboard: 'Dashboard', worklist: 'Reading worklist', awaiting: 'Awaiting read', reading: 'Reading', stat: 'STAT',
    signedToday: 'Signed today', priority: 'Priority', patient: 'Patient', procedure: 'Procedure', modality: 'Modality', ai: 'AI', status: 'Status',
    noWork: 'Nothing to read.', scheduled: 'Acquired',
    worklistHint: 'STAT, then urgent; within a priority, studies the AI flagged come first.', open: 'Open', accession: 'Accession',
    study: 'Study', studyTitle: 'Reading: {procedure}', notAcquired: 'The study has not been acquired yet.', startReport: 'Start report',
    noReport: 'No report yet. Starting one creates the draft and opens the live editor.', reportStatus: 'Report status',
    orderNumber: 'Order', acquiredAt: 'Acquired', version: 'Version', reportTitle: 'Report #{id}', studyDescription: 'Study',
    editorTitle: 'Live report editor', findings: 'Findings', impression: 'Impression', recommendations: 'Recommendations',
    aiFindings: 'AI findings (reference, read-only)', connecting: 'Connecting…', connected: 'Live', disconnected: 'Disconnected — reconnecting',
    synced: 'Synced', readOnly: 'Read-only', here: 'Editing now', you: 'you', finalize: 'Finalize',
    finalizeConfirm: 'Sign the document as it reads now. It cannot be edited afterwards.', finalized: 'The report is final.',
    closedFor: 'The editor connection closed: {reason}', reconnect: 'Reconnect', finalNotice: 'The report is signed. An amendment is needed to edit it.',
    historyTitle: 'Report history', contributorsTitle: 'Contributors', updates: '{n} change(s)', lastEdit: 'Last edit', noContributors: 'Nobody edited yet.',
    kind: 'Kind', author: 'Author', when: 'When', reason: 'Reason', noHistory: 'No history.', refresh: 'Refresh',
    CREATE: 'Created', SAVE: 'Saved', PRELIMINARY: 'Preliminary', FINAL: 'Final', AMEND: 'Amended', RELEASE: 'Released',
    reports: 'Reports', reportsTitle: 'Reports', mineOnly: 'Mine only', allStatuses: 'All statuses', noReports: 'No reports.',
    updated: 'Updated', signed: 'Signed',
    amend: 'Amend', amendHint: 'Corrects a signed report. The correction is signed as an amendment at once, with its reason, and the live document opens again.',
    amendReason: 'Reason for the amendment', amendFindings: 'Corrected findings', amendConclusion: 'Corrected impression', amendRecommendations: 'Corrected recommendations',
    amendSubmit: 'Sign the amendment', cancel: 'Cancel', required: 'required',
    amendOpen: 'An amendment reopened this document. Edit it, then sign again with a reason.', signReason: 'Reason for signing again', finalizeAmendment: 'Sign the amendment again', amendmentSigned: 'The amendment is signed.',
    statistics: 'Reading statistics', statisticsHint: 'Reports signed (preliminary, final, amended) and reports still open, mine against the whole department.',
    today: 'Today', lastDays: 'Last {n} days', mySigned: 'Signed by me', myFinals: 'My final reports', myAmendments: 'My amendments', myOpenDrafts: 'My open drafts',
    allSigned: 'Signed by everyone', compareCaption: '{period}: mine against everyone', measure: 'Measure', mine: 'Mine', everyone: 'Everyone',
    signedPreliminary: 'Signed preliminary', signedFinal: 'Signed final', signedAmend: 'Signed amendments', openDrafts: 'Open drafts', openPreliminary: 'Open preliminary reports',
  },
});

export type MessageKey = Parameters<typeof t>[0];
