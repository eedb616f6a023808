import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { systemLocale, type Locale } from '../i18n';
import { loadPersisted, savePersisted } from '../util/persisted';

export type Theme = 'light' | 'dark' | 'system';

interface SettingsState {
  locale: Locale;
  theme: Theme;
  fontSize: number;
}

export const MIN_FONT = 10;
export const MAX_FONT = 28;

export const useSettings = defineStore('settings', () => {
  const saved = loadPersisted<Partial<SettingsState>>('settings', {});
  const locale = ref<Locale>(saved.locale === 'ko' || saved.locale === 'en' ? saved.locale : systemLocale());
  const theme = ref<Theme>(saved.theme ?? 'system');
  const fontSize = ref<number>(clampFont(saved.fontSize ?? 14));

  watch([locale, theme, fontSize], () => savePersisted('settings', { locale: locale.value, theme: theme.value, fontSize: fontSize.value }));

  /** The theme actually shown: `system` follows the OS. */
  function effectiveTheme(prefersDark: boolean): 'light' | 'dark' {
    return theme.value === 'system' ? (prefersDark ? 'dark' : 'light') : theme.value;
  }

  function setFontSize(size: number): void {
    fontSize.value = clampFont(size);
  }

  return { locale, theme, fontSize, effectiveTheme, setFontSize };
});

function clampFont(size: number): number {
  return Number.isFinite(size) ? Math.min(MAX_FONT, Math.max(MIN_FONT, Math.round(size))) : 14;
}
