/** Today's date in Korea (YYYY-MM-DD), the hospital's day whatever the browser's zone. */
export const kstToday = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
