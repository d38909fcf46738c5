// Fails when a built manifest loosens what we promise: the CSP, the permissions, one host.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";
const ALLOWED_PERMISSIONS = new Set(['storage', 'activeTab', 'alarms', 'contextMenus']);
// Asked for at run time only, when the user points the options at another API: any https
// origin, and the two loopback hosts for a local server (port-less: Firefox ignores patterns
// with a port). Plain http elsewhere is never requested (ApiBase refuses it).
const OPTIONAL_HOSTS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];
const dist = process.argv[2];
let failures = 0;
const check = (ok, message) => {
  console.log(`${ok ? 'ok' : 'not ok'} - ${message}`);
  if (!ok) failures += 1;
};

for (const browser of ['chrome', 'firefox']) {
  const m = JSON.parse(readFileSync(join(dist, browser, 'manifest.json'), 'utf8'));
  check(m.manifest_version === 3, `${browser}: manifest v3`);
  check(m.content_security_policy?.extension_pages === CSP, `${browser}: CSP is exactly "${CSP}"`);
  check(Object.keys(m.content_security_policy ?? {}).length === 1, `${browser}: no other CSP entries`);
  for (const p of m.permissions ?? []) check(ALLOWED_PERMISSIONS.has(p), `${browser}: permission ${p} is on the allowed list`);
  check(!(m.permissions ?? []).includes('tabs') && !(m.permissions ?? []).includes('cookies'), `${browser}: no tabs or cookies permission`);
  check((m.host_permissions ?? []).length === 1, `${browser}: exactly one host permission`);
  check(!(m.host_permissions ?? []).some((h) => h.includes('<all_urls>') || /:\d+\//.test(h)), `${browser}: host permission without port or <all_urls>`);
  check(!m.content_scripts, `${browser}: no content scripts`);
  check(JSON.stringify(m.optional_host_permissions ?? []) === JSON.stringify(OPTIONAL_HOSTS), `${browser}: optional host permissions are exactly ${OPTIONAL_HOSTS.join(', ')}`);
  check(!m.optional_permissions, `${browser}: no optional API permissions`);
  if (browser === 'chrome') check(m.background?.service_worker === 'background.js' && m.background?.type === 'module', 'chrome: module service worker');
  else check(m.background?.scripts?.[0] === 'background.js' && !!m.browser_specific_settings?.gecko?.id, 'firefox: background scripts and gecko id');
}

process.exit(failures ? 1 : 0);
