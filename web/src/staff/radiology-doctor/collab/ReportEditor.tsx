import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { ApiError } from '../../../shared/api';
import { Panel } from '../../../shared/ui/AppShell';
import { TextField } from '../../../shared/ui/Field';
import { AmendForm } from '../AmendForm';
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
 * so (the ordering doctor's view, a signed report's locked document). Finalize signs exactly what
 * the document holds at that moment; the server locks it for everyone. A signed report is amended
 * here (수정판독): the amendment reopens the document, and signing it again needs a reason.
 */
export function ReportEditor(props: { report: Report }) {
  const { api, session } = useApp();
  const client = useQueryClient();
  const me = session.me()!;
  const live = openReportDocument(props.report.id, session, { id: me.id, name: me.name });

  const isFinal = () => FINAL_STATUSES.includes(props.report.status);
  // The server is the judge of the lock: it says so on joining, before the document syncs.
  const readOnly = () => !live.synced() || !!live.denied() || !!live.closed();
  /** A signed report whose document an amendment reopened: signing it again is an amendment. */
  const reopened = () => isFinal() && !readOnly();
  const canAmend = () => (props.report.allowedActions?.includes('amend') ?? isFinal()) && live.synced() && !!live.denied();
  const [amending, setAmending] = createSignal(false);
  const [reason, setReason] = createSignal('');

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
  // A new version while locked may be an amendment that reopened the document (here or in
  // another tab): ask the server again, since it does not announce an unlock.
  // (A memo: a refetch hands over a new report object, and only a new version counts.)
  const version = createMemo(() => props.report.version);
  createEffect(on(version, () => { if (live.denied()) live.recheck(); }, { defer: true }));

  const finalize = createMutation(() => ({
    mutationFn: () => api.post<Report>(`/radiology-doctor/reports/${props.report.id}/finalize`, reopened() ? { reason: reason().trim() } : {}),
    onSuccess: () => setReason(''),
    // A refused signature unlocked the document again, silently: learn that, and go on editing.
    onError: () => live.recheck(),
    onSettled: () => client.invalidateQueries({ queryKey: ['radiology-doctor'] }),
  }));
  const reasonError = () => (finalize.error instanceof ApiError ? finalize.error.fieldErrors.reason : undefined);

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

      <Show when={live.denied()}>
        {(why) => <p class="notice" role="status">{t('readOnly')}: {why()}{isFinal() ? ` ${t('finalNotice')}` : ''}</p>}
      </Show>
      <Show when={reopened()}><p class="notice" role="status">{t('amendOpen')}</p></Show>
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

      <Show when={!isFinal() || reopened()}>
        <p class="muted">{t('finalizeConfirm')}</p>
        <Show when={reopened()}>
          <TextField label={`${t('signReason')} (${t('required')})`} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} error={reasonError()} />
        </Show>
        <Show when={finalize.isError && !reasonError()}><p class="field-error" role="alert">{finalize.error?.message}</p></Show>
        <button type="button" disabled={readOnly() || finalize.isPending} onClick={() => finalize.mutate()}>{reopened() ? t('finalizeAmendment') : t('finalize')}</button>
      </Show>
      <Show when={finalize.isSuccess && isFinal() && !reopened()}>
        <p role="status" class="badge badge-ok">{props.report.status === 'AMENDED' ? t('amendmentSigned') : t('finalized')}</p>
      </Show>
      <Show when={canAmend()}>
        <Show when={amending()} fallback={<button type="button" class="secondary" onClick={() => setAmending(true)}>{t('amend')}</button>}>
          <AmendForm report={props.report} onClose={() => setAmending(false)} />
        </Show>
      </Show>
    </Panel>
  );
}
