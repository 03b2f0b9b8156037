/** Paging parameters shared by every list action: 1-based page, bounded page size. */
export const MAX_PAGE_SIZE = 100;

export const pagingParams = {
  page: { type: 'number', integer: true, positive: true, convert: true, optional: true, default: 1 },
  pageSize: { type: 'number', integer: true, positive: true, max: MAX_PAGE_SIZE, convert: true, optional: true, default: 20 },
} as const;

export interface PagingParams {
  page: number;
  pageSize: number;
}

/** A `YYYY-MM-DD` date parameter; handlers still check it is a real day (lib/rules/kst-dates.ts isCalendarDate). */
export const dateParam = { type: 'string', pattern: /^\d{4}-\d{2}-\d{2}$/ } as const;
