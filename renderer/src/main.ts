import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createAppI18n } from './i18n';
import { useSettings } from './stores/settings';
import './styles/theme.css';
import { host } from './host';

// Start the engine host (a Web Worker in the browser) before the app renders: its start-up overlaps.
host();

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(createAppI18n(useSettings(pinia).locale));
app.mount('#app');
