import { createSignal } from 'solid-js';

/**
 * Korean first, English second. Every string a person reads comes from a message table declared
 * next to the screen that shows it (`defineMessages`), so a screen and its words change together.
 * Dates, times and money are always formatted for ko-KR (the hospital's locale), whatever the
 * language of the labels.
 */
export type Lang = 'ko' | 'en';

const STORAGE_KEY = 'cdss.lang';
const initial: Lang = (typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) === 'en') ? 'en' : 'ko';
const [lang, setLangSignal] = createSignal<Lang>(initial);

export { lang };

export function setLang(next: Lang): void {
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  setLangSignal(next);
}

type Vars = Record<string, string | number>;
export type Translate<K extends string> = (key: K, vars?: Vars) => string;

/** A screen's messages in both languages; the answer looks a key up in the current language. */
export function defineMessages<K extends string>(messages: { ko: Record<K, string>; en: Record<K, string> }): Translate<K> {
  return (key, vars) => {
    const text = messages[lang()][key] ?? messages.ko[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
  };
}

const dateFormat = new Intl.DateTimeFormat('ko-KR', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Asia/Seoul' });
const dateTimeFormat = new Intl.DateTimeFormat('ko-KR', {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Seoul',
});
const timeFormat = new Intl.DateTimeFormat('ko-KR', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Seoul' });
const krw = new Intl.NumberFormat('ko-KR', { style: 'currency', currency: 'KRW' });
const numberFormat = new Intl.NumberFormat('ko-KR');

const toDate = (value: string | number | Date) => (value instanceof Date ? value : new Date(value));

/** `2026. 11. 26.` — an empty value stays empty. */
export const formatDate = (value: string | number | Date | null | undefined) => (value == null || value === '' ? '' : dateFormat.format(toDate(value)));
export const formatDateTime = (value: string | number | Date | null | undefined) => (value == null || value === '' ? '' : dateTimeFormat.format(toDate(value)));
export const formatTime = (value: string | number | Date | null | undefined) => (value == null || value === '' ? '' : timeFormat.format(toDate(value)));
/** `₩12,300` */
export const formatKRW = (value: number | string | null | undefined) => (value == null || value === '' ? '' : krw.format(Number(value)));
export const formatNumber = (value: number | null | undefined) => (value == null ? '' : numberFormat.format(value));
