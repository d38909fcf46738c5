// Loads the Leptos options page from the extension's one wasm module (no inline scripts).
import init, { start_options } from './wasm/perminut.js';
import { DEFAULT_API } from './config.js';

init({ module_or_path: new URL('./wasm/perminut_bg.wasm', import.meta.url) })
  .then(() => start_options(DEFAULT_API))
  .catch((error) => {
    document.body.textContent = `Perminut options could not start: ${error}`;
  });
