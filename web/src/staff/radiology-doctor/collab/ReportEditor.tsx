import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { createEffect, For, on, onCleanup, Show } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { Panel } from '../../../shared/ui/AppShell';
import { t } from '../messages';
import { FINAL_STATUSES, type Report } from '../types';
import { CollabTextarea } from './CollabTextarea';
import { openReportDocument, SECTIONS, type Section } from './report-connection';

const SECTION_LABEL: Record<Section, 'findings' | 'impression' | 'recommendations' | 'aiFindings'> = {
  findings: 'findings', impression: 'impression', recommendations: 'recommendations', aiFindings: 'aiFindings',
};

/**
 * The live collaborative report (`report:<id>`): every radiologist with the report open types into
 * the same sections and sees the others' text and presence at once. Read-only when the server says
 * so (the ordering doctor's view, a finalized report) or once this report is final. Finalize signs
 * exactly what the document holds at that moment; the server locks it for everyone.
 */
export function ReportEditor(props: { report: Report }) {
  const { api, session } = useApp();
  const client = useQueryClient();
  const me = session.me()!;
  const live = openReportDocument(props.report.id, session, { id: me.id, name: me.name });

  const isFinal = () => FINAL_STATUSES.includes(props.report.status);
  const readOnly = () => !live.synced() || !!live.denied() || isFinal() || !!live.closed();

  // Someone finalized (here or in another tab): the server locked the document. It tells us at the
  // moment of locking, just before the signature is stored, so the report is read again until it
  // shows FINAL (a few tries). `on`: invalidating reads query state, which must not re-run this.
  let retry: ReturnType<typeof setTimeout> | undefined;
  createEffect(on(live.denied, (reason) => {
    if (!reason) return;
    let tries = 0;
    const refresh = () => {
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'radiology-doctor' && (q.queryKey[1] === 'study' || q.queryKey[1] === 'report') });
      if (++tries < 8 && !isFinal()) retry = setTimeout(refresh, 500 * tries);
    };
    refresh();
  }));
  onCleanup(() => clearTimeout(retry));

  const finalize = createMutation(() => ({
    mutationFn: () => api.post<Report>(`/radiology-doctor/reports/${props.report.id}/finalize`),
    onSettled: () => client.invalidateQueries({ queryKey: ['radiology-doctor'] }),
  }));

  const statusText = () => (live.status() === 'connected' ? (live.synced() ? `${t('connected')} · ${t('synced')}` : t('connected')) : live.status() === 'connecting' ? t('connecting') : t('disconnected'));

  return (
    <Panel title={t('editorTitle')} actions={
      <span role="status" aria-live="polite" class="badge" classList={{ 'badge-ok': live.synced() && live.status() === 'connected', 'badge-warn': live.status() !== 'connected' }}>
        {statusText()}
      </span>
    }>
      <div aria-label={t('here')} role="group" class="toolbar">
        <strong>{t('here')}:</strong>
        <ul class="presence" style={{ display: 'flex', gap: '0.5rem', 'list-style': 'none', margin: 0, padding: 0, 'flex-wrap': 'wrap' }}>
          <For each={live.peers()}>{(peer) => (
            <li class="badge" style={{ background: peer.color, color: '#fff' }} data-testid="presence">
              {peer.name}{peer.self ? ` (${t('you')})` : ''}
            </li>
          )}</For>
        </ul>
      </div>

      <Show when={live.denied() || (isFinal() ? t('finalNotice') : null)}>
        {(reason) => <p class="notice" role="status">{t('readOnly')}: {reason()}</p>}
      </Show>
      <Show when={live.closed()}>
        {(reason) => (
          <div class="state state-error" role="alert">
            <p>{t('closedFor', { reason: reason() })}</p>
            <button type="button" onClick={() => live.reconnect()}>{t('reconnect')}</button>
          </div>
        )}
      </Show>

      <For each={SECTIONS}>{(name) => (
        <Show when={live.section(name)}>
          {(text) => <CollabTextarea label={t(SECTION_LABEL[name])} text={text()} readOnly={readOnly()} rows={name === 'findings' ? 8 : 4} />}
        </Show>
      )}</For>
      <Show when={live.section('aiFindings')?.length ? live.section('aiFindings') : null}>
        {(text) => <CollabTextarea label={t('aiFindings')} text={text()} readOnly rows={3} />}
      </Show>

      <Show when={!isFinal()}>
        <p class="muted">{t('finalizeConfirm')}</p>
        <Show when={finalize.isError}><p class="field-error" role="alert">{finalize.error?.message}</p></Show>
        <button type="button" disabled={readOnly() || finalize.isPending} onClick={() => finalize.mutate()}>{t('finalize')}</button>
      </Show>
      <Show when={finalize.isSuccess}><p role="status" class="badge badge-ok">{t('finalized')}</p></Show>
    </Panel>
  );
}
