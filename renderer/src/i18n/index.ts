import { createI18n } from 'vue-i18n';
import en from './en';
import ko from './ko';
import panelsEn from './panels.en';
import panelsKo from './panels.ko';

export type Locale = 'ko' | 'en';
export const LOCALES: Locale[] = ['ko', 'en'];

/** The OS/browser language decides the first locale: Korean for `ko*`, English otherwise. */
export function systemLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  return languages.some((l) => l.toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}

export function createAppI18n(locale: Locale) {
  return createI18n({ legacy: false, locale, fallbackLocale: 'en', messages: { en: { ...en, panels: panelsEn }, ko: { ...ko, panels: panelsKo } } });
}
