// Loads the Leptos popup. The cached snapshot is read from storage while the wasm compiles, so
// the first paint already shows the timer, before any network answer.
import init, { start_popup } from './wasm/perminut.js';
import { DEFAULT_API } from './config.js';

// The settings (API address) live in storage.sync; the rest in storage.local.
const cached = Promise.all([chrome.storage.local.get(['state', 'draft']), chrome.storage.sync.get('settings')])
  .then(([local, sync]) => ({ ...local, ...sync }))
  .catch(() => ({}));
Promise.all([init({ module_or_path: new URL('./wasm/perminut_bg.wasm', import.meta.url) }), cached])
  .then(([, stored]) => start_popup(DEFAULT_API, stored))
  .catch((error) => {
    document.body.textContent = `Perminut could not start: ${error}`;
  });
