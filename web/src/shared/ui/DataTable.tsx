import { For, Show, type JSX } from 'solid-js';
import { Empty } from './states';
import { t } from './messages';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => JSX.Element;
  /** Right-aligned numbers, money. */
  numeric?: boolean;
}

/** A plain, accessible table: a caption, header cells with scope, rows optionally selectable by keyboard. */
export function DataTable<Row>(props: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  onSelect?: (row: Row) => void;
  emptyText?: string;
}) {
  return (
    <Show when={props.rows.length > 0} fallback={<Empty>{props.emptyText}</Empty>}>
      {/* Focusable so a keyboard can scroll a wide table on a phone (WCAG 2.1.1). */}
      <div class="table-scroll" tabIndex={0} role="region" aria-label={props.caption}>
        <table class="data-table">
          <caption>{props.caption}</caption>
          <thead>
            <tr><For each={props.columns}>{(c) => <th scope="col" classList={{ numeric: !!c.numeric }}>{c.header}</th>}</For></tr>
          </thead>
          <tbody>
            <For each={props.rows}>{(row) => (
              <tr
                classList={{ selectable: !!props.onSelect }}
                tabIndex={props.onSelect ? 0 : undefined}
                onClick={() => props.onSelect?.(row)}
                onKeyDown={(e) => { if (props.onSelect && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); props.onSelect(row); } }}
                data-key={props.rowKey(row)}
              >
                <For each={props.columns}>{(c) => <td classList={{ numeric: !!c.numeric }}>{c.cell(row)}</td>}</For>
              </tr>
            )}</For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}

export function Pagination(props: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const pages = () => Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <nav class="pagination" aria-label="pagination">
      <button type="button" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>{t('previous')}</button>
      <span>{t('page', { page: props.page, pages: pages() })}</span>
      <button type="button" disabled={props.page >= pages()} onClick={() => props.onPage(props.page + 1)}>{t('next')}</button>
    </nav>
  );
}
