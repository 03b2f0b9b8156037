import { lang, setLang } from '../shared/i18n';
import { DoctorsSection } from './DoctorsSection';
import { InquiryForm } from './InquiryForm';
import { t } from './messages';

/**
 * The hospital's front page: who we are, the departments with their doctors and hours, how to
 * visit and book, an appointment inquiry without an account, and the two ways in (patients: sign-up and login; staff: 의료진 로그인).
 */
export default function Home() {
  return (
    <>
      <a class="skip-link" href="#main">{t('skip')}</a>
      <header class="app-header">
        <span class="app-name">{t('hospital')}</span>
        <nav class="header-tools" aria-label={t('portalLinks')}>
          <button type="button" onClick={() => setLang(lang() === 'ko' ? 'en' : 'ko')} lang={lang() === 'ko' ? 'en' : 'ko'}>{t('language')}</button>
          <a class="header-link" href="/signup">{t('signup')}</a>
          <a class="header-link" href="/login">{t('patientLogin')}</a>
          <a class="header-link staff" href="/login/medical">{t('staffLogin')}</a>
        </nav>
      </header>
      <main id="main" class="app-main">
        <h1>{t('hospital')}</h1>
        <p><strong>{t('lead')}</strong></p>
        <p>{t('intro')}</p>
        <DoctorsSection />
        <div class="grid">
          <section class="panel" aria-labelledby="visit">
            <h2 id="visit">{t('visit')}</h2>
            <p>{t('hours')}</p>
            <p>{t('firstVisit')}</p>
          </section>
          <section class="panel" aria-labelledby="booking">
            <h2 id="booking">{t('booking')}</h2>
            <p>{t('bookingSteps')}</p>
            <div class="cta">
              <a href="/login?next=%2Fpatient%2Fappointments">{t('requestAppointment')}</a>
              <a class="secondary" href="/signup">{t('signup')}</a>
            </div>
          </section>
        </div>
        <InquiryForm />
      </main>
      <footer class="site-footer muted">{t('footer')}</footer>
    </>
  );
}
