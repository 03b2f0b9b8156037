import { createQuery } from '@tanstack/solid-query';
import { Show, createSignal } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { formatKRW } from '../../../shared/i18n';
import { DataTable } from '../../../shared/ui/DataTable';
import { TextField } from '../../../shared/ui/Field';
import { QueryView } from '../../../shared/ui/states';
import { t } from '../messages';
import type { Fee } from '../types';

/**
 * Search the fee schedule (name, 초성 or code) and add an item to the bill. The fee handed on is a
 * copy: the rows shown are QueryView's store, which the next search's answer is merged into.
 */
export function FeePicker(props: { onAdd: (fee: Fee) => void }) {
  const { api } = useApp();
  const [text, setText] = createSignal('');
  const [q, setQ] = createSignal('');
  const fees = createQuery(() => ({
    queryKey: ['front-desk', 'fees', q()],
    queryFn: () => api.get<{ items: Fee[]; total: number }>('/fee-schedule', { q: q() || undefined }),
  }));
  return (
    <>
      <form class="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setQ(text().trim()); }}>
        <TextField label={t('feeSearch')} hint={t('feeHint')} type="search" value={text()} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit">{t('searchButton')}</button>
      </form>
      <QueryView query={fees}>
        {(d) => (
          <Show when={d.items.length > 0} fallback={<p class="muted">{t('noFees')}</p>}>
            <DataTable caption={t('feeSearch')} rows={d.items.slice(0, 12)} rowKey={(f) => f.code} columns={[
              { header: t('code'), cell: (f) => f.code },
              { header: t('item'), cell: (f) => f.name },
              { header: t('covered'), cell: (f) => (f.covered ? t('covered') : <span class="badge badge-warn">{t('notCovered')}</span>) },
              { header: t('unitPrice'), cell: (f) => formatKRW(f.price), numeric: true },
              { header: t('add'), cell: (f) => <button type="button" class="secondary" aria-label={t('addFee', { name: f.name })} onClick={() => props.onAdd({ ...f })}>{t('add')}</button> },
            ]} />
          </Show>
        )}
      </QueryView>
    </>
  );
}
