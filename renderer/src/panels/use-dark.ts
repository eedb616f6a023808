import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Whether the app shows its dark theme (App.vue sets `data-theme` on <html>). */
export function useDark(): Ref<boolean> {
  const dark = ref(document.documentElement.dataset.theme === 'dark');
  const observer = new MutationObserver(() => (dark.value = document.documentElement.dataset.theme === 'dark'));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  onBeforeUnmount(() => observer.disconnect());
  return dark;
}
