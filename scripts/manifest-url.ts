/**
 * The one rewrite from the development manifest (https://localhost:3000/…) to a production manifest.
 * webpack.config.js uses it for the manifest copied to dist/, and test/manifest.test.ts checks its output.
 */

/** The base URL every development URL in manifest.xml starts with. */
export const DEV_BASE_URL = 'https://localhost:3000/';

/**
 * Checks and normalises a production base URL (ADDIN_BASE_URL): absolute https, no localhost or
 * loopback, no query or fragment; a trailing slash is added. Throws with the reason otherwise.
 */
export function normalizeBaseUrl(base: string): string {
  let u: URL;
  try {
    u = new URL(base.trim());
  } catch {
    throw new Error(`ADDIN_BASE_URL "${base}" is not an absolute URL (example: https://kpi.example.com/addin/)`);
  }
  if (u.protocol !== 'https:') throw new Error(`ADDIN_BASE_URL "${base}" must use https (Office loads add-ins over https only)`);
  if (/^(localhost|127\.|\[::1\]$|0\.0\.0\.0$)/i.test(u.hostname) || /localhost/i.test(u.hostname)) {
    throw new Error(`ADDIN_BASE_URL "${base}" points to this machine; a production manifest needs the public host`);
  }
  if (u.search || u.hash) throw new Error(`ADDIN_BASE_URL "${base}" must not have a query or fragment`);
  if (u.username || u.password) throw new Error(`ADDIN_BASE_URL "${base}" must not contain credentials`);
  const s = u.toString();
  return s.endsWith('/') ? s : s + '/';
}

const escapeXmlAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Returns the manifest with every occurrence of https://localhost:3000/ replaced by `base`
 * (normalised by normalizeBaseUrl). Throws when the result still mentions localhost anywhere.
 */
export function toProductionManifest(xml: string, base: string): string {
  const b = escapeXmlAttr(normalizeBaseUrl(base));
  const out = xml.split(DEV_BASE_URL).join(b);
  const left = out.split(/\r?\n/).flatMap((line, i) => (/localhost/i.test(line) ? [`line ${i + 1}: ${line.trim()}`] : []));
  if (left.length) throw new Error(`production manifest still mentions localhost:\n${left.join('\n')}`);
  return out;
}
