import { createQuery } from '@tanstack/solid-query';
import { useApp } from '../../shared/app-context';
import { formatDate } from '../../shared/i18n';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { QueryView } from '../../shared/ui/states';
import { t } from './messages';
import type { RadiologistDashboard, ReadingCounts } from './types';
import { CompareBars } from './ui/CompareBars';

/** The measures compared, in the order a radiologist reads them: signatures, then open work. */
const rows = (mine: ReadingCounts, all: ReadingCounts) => [
  { label: t('signedPreliminary'), mine: mine.signed.PRELIMINARY, all: all.signed.PRELIMINARY },
  { label: t('signedFinal'), mine: mine.signed.FINAL, all: all.signed.FINAL },
  { label: t('signedAmend'), mine: mine.signed.AMEND, all: all.signed.AMEND },
  { label: t('openDrafts'), mine: mine.open.DRAFT, all: all.open.DRAFT },
  { label: t('openPreliminary'), mine: mine.open.PRELIMINARY, all: all.open.PRELIMINARY },
];
const signedTotal = (c: ReadingCounts) => c.signed.PRELIMINARY + c.signed.FINAL + c.signed.AMEND;

/** One period (today, the last 30 days): my headline numbers, then mine against everyone's. */
function Period(props: { title: string; mine: ReadingCounts; all: ReadingCounts }) {
  // `to` is exclusive (the next KST midnight): the last day shown is the one before it.
  const range = () => `${formatDate(props.mine.from)} – ${formatDate(new Date(new Date(props.mine.to).getTime() - 1))}`;
  return (
    <Panel title={props.title}>
      <p class="muted">{range()}</p>
      <div class="stats">
        <Stat label={t('mySigned')} value={signedTotal(props.mine)} tone="ok" />
        <Stat label={t('myFinals')} value={props.mine.signed.FINAL} />
        <Stat label={t('myAmendments')} value={props.mine.signed.AMEND} />
        <Stat label={t('myOpenDrafts')} value={props.mine.open.DRAFT} />
        <Stat label={t('allSigned')} value={signedTotal(props.all)} />
      </div>
      <CompareBars caption={t('compareCaption', { period: props.title })} labelHeader={t('measure')} mineHeader={t('mine')} allHeader={t('everyone')}
        rows={rows(props.mine, props.all)} />
    </Panel>
  );
}

/**
 * 판독 통계 (GET /radiology-doctor/dashboard): today and the last 30 days, mine against the whole
 * reading room — reports signed preliminary, final and amended, and the drafts still open.
 */
export default function Statistics() {
  const { api } = useApp();
  const dashboard = createQuery(() => ({ queryKey: ['radiology-doctor', 'dashboard'], queryFn: () => api.get<RadiologistDashboard>('/radiology-doctor/dashboard') }));
  return (
    <>
      <h1>{t('statistics')}</h1>
      <p class="muted">{t('statisticsHint')}</p>
      <QueryView query={dashboard}>
        {(d) => (
          <>
            <Period title={t('today')} mine={d.today.mine} all={d.today.all} />
            <Period title={t('lastDays', { n: d.statistics.days })} mine={d.statistics.mine} all={d.statistics.all} />
          </>
        )}
      </QueryView>
    </>
  );
}
