// The background worker's loader. Every listener is registered synchronously at top level (a
// service worker that registers listeners late, or uses top-level await, misses the event that
// woke it), and each one waits for the wasm to be ready before forwarding to Rust.
import init, * as worker from './wasm/perminut.js';
import { DEFAULT_API } from './config.js';

const ready = init({ module_or_path: new URL('./wasm/perminut_bg.wasm', import.meta.url) })
  .then(() => worker.boot(DEFAULT_API));

chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  ready
    .then(() => worker.on_message(message))
    // A failure inside the wasm still answers, in the same envelope the popup reads.
    .then(sendResponse, (error) => sendResponse(JSON.stringify({ version: 1, body: { Failed: { message: String(error) } } })));
  return true; // answer asynchronously
});
chrome.alarms.onAlarm.addListener((alarm) => { ready.then(() => worker.on_alarm(alarm.name)); });
chrome.runtime.onStartup.addListener(() => { ready.then(() => worker.on_browser_startup()); });
chrome.runtime.onInstalled.addListener(() => { ready.then(() => worker.on_installed()); });
globalThis.addEventListener('online', () => { ready.then(() => worker.on_online()); });

// Context menu and keyboard shortcut: the event's tab is readable (the click or key press
// grants activeTab). The same two functions are exposed as `perminutTest` so end-to-end
// tests, which cannot click native menus or press extension shortcuts, take the real path.
const menuClicked = (info, tab) => ready.then(() => worker.on_menu_clicked(info, tab));
const command = (name, tab) => ready.then(() => worker.on_command(name, tab));
chrome.contextMenus.onClicked.addListener(menuClicked);
chrome.commands.onCommand.addListener(command);
globalThis.perminutTest = { menuClicked, command };
// The options page saved settings (sync), or a start remembered a site's project (local).
chrome.storage.onChanged.addListener((changes, area) => {
  if ((area === 'sync' && changes.settings) || (area === 'local' && changes.sites)) {
    ready.then(() => worker.on_settings_changed());
  }
});
