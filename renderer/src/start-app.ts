import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createAppI18n } from './i18n';
import { useSettings } from './stores/settings';
import './styles/theme.css';

/** Mounts the Vue app (loaded after the engine host has been started by main.ts). */
export function startApp(): void {
  const app = createApp(App);
  const pinia = createPinia();
  app.use(pinia);
  app.use(createAppI18n(useSettings(pinia).locale));
  app.mount('#app');
}
