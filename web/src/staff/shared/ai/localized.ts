import { lang } from '../../../shared/i18n';
import type { Localized } from './types';

/** A server text in the reader's language (Korean when the English is missing); '' for nothing. */
export const localized = (value: Localized | string | null | undefined): string =>
  (value == null ? '' : typeof value === 'string' ? value : value[lang()] || value.ko);

/** Millimetres to one decimal; '' when not measured. */
export const mm = (value: number | null | undefined): string => (value == null ? '' : value.toFixed(1));
