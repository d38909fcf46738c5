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
    .then(sendResponse, (error) => sendResponse({ version: 1, type: 'Failed', message: String(error) }));
  return true; // answer asynchronously
});
chrome.alarms.onAlarm.addListener((alarm) => { ready.then(() => worker.on_alarm(alarm.name)); });
chrome.runtime.onStartup.addListener(() => { ready.then(() => worker.on_browser_startup()); });
chrome.runtime.onInstalled.addListener(() => { ready.then(() => worker.on_installed()); });
globalThis.addEventListener('online', () => { ready.then(() => worker.on_online()); });
