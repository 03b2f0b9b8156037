import { For } from 'solid-js';
import { lang, setLang, defineMessages } from '../shared/i18n';

const t = defineMessages({
  ko: {
    hospital: 'CDSS 병원', lead: '호흡기내과 · 신경외과 · 유방외과 · 소화기내과 · 피부과 — AI 임상의사결정지원과 함께하는 진료',
    staffLogin: '의료진 로그인', patientLogin: '환자 로그인', signup: '회원가입', departments: '진료과', visit: '진료 안내',
    hours: '평일 09:00–18:00 (점심 12:30–13:30), 토·일·공휴일 휴진', booking: '예약은 환자 포털에서 신청하시면 원무과 확인 후 확정됩니다.',
    PULMONOLOGY: '호흡기내과', NEUROSURGERY: '신경외과', BREAST_SURGERY: '유방외과', GASTROENTEROLOGY: '소화기내과', DERMATOLOGY: '피부과',
  },
  en: {
    hospital: 'CDSS Hospital', lead: 'Pulmonology · Neurosurgery · Breast surgery · Gastroenterology · Dermatology — care with AI decision support',
    staffLogin: 'Staff sign-in', patientLogin: 'Patient sign-in', signup: 'Sign up', departments: 'Departments', visit: 'Visiting',
    hours: 'Weekdays 09:00–18:00 (lunch 12:30–13:30); closed weekends and holidays', booking: 'Request an appointment in the patient portal; the front desk confirms it.',
    PULMONOLOGY: 'Pulmonology', NEUROSURGERY: 'Neurosurgery', BREAST_SURGERY: 'Breast surgery', GASTROENTEROLOGY: 'Gastroenterology', DERMATOLOGY: 'Dermatology',
  },
});

const DEPARTMENTS = ['PULMONOLOGY', 'NEUROSURGERY', 'BREAST_SURGERY', 'GASTROENTEROLOGY', 'DERMATOLOGY'] as const;

/** The hospital's front page: who we are, the departments, how to visit, and the two ways in. */
export default function Home() {
  return (
    <>
      <header class="app-header">
        <span class="app-name">{t('hospital')}</span>
        <div class="header-tools">
          <button type="button" onClick={() => setLang(lang() === 'ko' ? 'en' : 'ko')}>{lang() === 'ko' ? 'English' : '한국어'}</button>
          <a class="button-link" href="/login" style={{ color: '#fff' }}>{t('patientLogin')}</a>
          <a class="button-link" href="/login/medical" style={{ color: '#fff', 'font-weight': '700' }}>{t('staffLogin')}</a>
        </div>
      </header>
      <main id="main" class="app-main">
        <h1>{t('hospital')}</h1>
        <p>{t('lead')}</p>
        <section class="panel" aria-labelledby="departments">
          <h2 id="departments">{t('departments')}</h2>
          <ul class="grid"><For each={DEPARTMENTS}>{(d) => <li class="stat"><span class="stat-value" style={{ 'font-size': '1.2rem' }}>{t(d)}</span></li>}</For></ul>
        </section>
        <section class="panel" aria-labelledby="visit">
          <h2 id="visit">{t('visit')}</h2>
          <p>{t('hours')}</p>
          <p>{t('booking')} <a href="/signup">{t('signup')}</a></p>
        </section>
      </main>
    </>
  );
}
