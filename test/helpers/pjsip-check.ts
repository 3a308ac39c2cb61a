/**
 * A pjsip.conf checker for the tests, because Debian 12 ships no Asterisk to run `pjsip reload` against.
 * Syntax as Asterisk's config parser reads it (main/config.c: `[section]`, `[section](template)`, `key=value`
 * or `key => value`, `;` starts a comment anywhere unless escaped as `\;`, so a URI parameter needs `\;`); option names and enumerated values per object type from Asterisk's own
 * option reference, extracted into ./pjsip-options.json (its `source` says from where and when). Then the
 * references res_pjsip resolves at load: an endpoint's aors / outbound_auth / transport, an identify's endpoint.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Options {
  source: string;
  types: Record<string, { options: string[]; enums: Record<string, string[]> }>;
}
const OPTIONS = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'pjsip-options.json'), 'utf8')) as Options;

/** Enumerations whose value is a single token (the codec preference options take compound values). */
const ENUM_CHECKED = new Set(['protocol', 'method', 'auth_type', 'dtmf_mode', 'media_encryption', '100rel', 'timers', 'direct_media_method', 'connected_line_method', 'redirect_method']);
/** Options res_pjsip registers as booleans (OPT_BOOL_T / OPT_YESNO_T); values as ast_true / ast_false read them. */
const BOOLEANS = new Set(['direct_media', 'rtp_symmetric', 'force_rport', 'rewrite_contact', 'verify_server', 'verify_client', 'require_client_cert', 'media_encryption_optimistic', 'ice_support', 'use_avpf', 'trust_id_inbound', 'trust_id_outbound', 'send_pai', 'send_rpid', 'allow_subscribe']);
const BOOL_VALUES = /^(yes|no|true|false|y|n|t|f|on|off|1|0)$/i;

export interface PjsipSection {
  name: string;
  type: string;
  options: [string, string][];
}

export function parsePjsip(text: string): PjsipSection[] {
  const sections: PjsipSection[] = [];
  let current: PjsipSection | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/(^|[^\\]);.*$/, '$1').trim();
    if (!line) return;
    const where = `line ${i + 1}: ${raw.trim()}`;
    const head = /^\[([^\]]+)\](?:\(([^)]*)\))?$/.exec(line);
    if (head) {
      if (!/^[A-Za-z0-9_.+-]+$/.test(head[1])) throw new Error(`bad section name at ${where}`);
      current = { name: head[1], type: '', options: [] };
      sections.push(current);
      return;
    }
    const kv = /^([A-Za-z0-9_]+)\s*=>?\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`not a section header nor key=value at ${where}`);
    if (!current) throw new Error(`option outside any section at ${where}`);
    if (kv[2] === '') throw new Error(`empty value at ${where}`);
    // `\;` is a literal semicolon; a bare `;` started the comment stripped above
    const value = kv[2].replace(/\\;/g, ';');
    if (kv[1] === 'type') current.type = value;
    else current.options.push([kv[1], value]);
  });
  return sections;
}

/** Throws with every problem found; returns the parsed sections when the file is valid. */
export function checkPjsip(text: string): PjsipSection[] {
  const sections = parsePjsip(text);
  const problems: string[] = [];
  const named = (type: string, name: string) => sections.some((s) => s.type === type && s.name === name);
  for (const s of sections) {
    const spec = OPTIONS.types[s.type];
    if (!spec) {
      problems.push(`[${s.name}]: type "${s.type || '(none)'}" is not one of ${Object.keys(OPTIONS.types).join(', ')}`);
      continue;
    }
    for (const [k, v] of s.options) {
      if (!spec.options.includes(k)) problems.push(`[${s.name}] (${s.type}): unknown option ${k}`);
      const allowed = spec.enums[k];
      if (allowed && ENUM_CHECKED.has(k) && !allowed.includes(v)) problems.push(`[${s.name}] ${k}=${v}: not one of ${allowed.join(', ')}`);
      if (BOOLEANS.has(k) && !BOOL_VALUES.test(v)) problems.push(`[${s.name}] ${k}=${v}: not a boolean`);
    }
    const get = (k: string) => s.options.filter(([key]) => key === k).map(([, v]) => v);
    if (s.type === 'endpoint') {
      for (const aor of get('aors').flatMap((v) => v.split(','))) if (!named('aor', aor.trim())) problems.push(`[${s.name}] aors=${aor}: no aor section of that name`);
      for (const auth of get('outbound_auth')) if (!named('auth', auth)) problems.push(`[${s.name}] outbound_auth=${auth}: no auth section of that name`);
      for (const t of get('transport')) if (!named('transport', t)) problems.push(`[${s.name}] transport=${t}: no transport section of that name`);
    }
    if (s.type === 'identify') {
      for (const e of get('endpoint')) if (!named('endpoint', e)) problems.push(`[${s.name}] endpoint=${e}: no endpoint section of that name`);
      if (!get('match').length) problems.push(`[${s.name}]: an identify needs at least one match`);
    }
    if (s.type === 'transport') {
      const protocol = get('protocol')[0] ?? 'udp';
      if (!/^(\d{1,3}\.){3}\d{1,3}:\d+$/.test(get('bind')[0] ?? '')) problems.push(`[${s.name}]: bind must be address:port`);
      if (protocol === 'tls' && (!get('cert_file').length || !get('priv_key_file').length)) problems.push(`[${s.name}]: a TLS transport needs cert_file and priv_key_file`);
    }
    if (s.type === 'auth' && !get('username').length) problems.push(`[${s.name}]: an auth needs a username`);
  }
  const seen = sections.map((s) => `${s.type}/${s.name}`);
  const twice = seen.find((k, i) => seen.indexOf(k) !== i);
  if (twice) problems.push(`two sections ${twice}: the second replaces the first`);
  const binds = sections.filter((s) => s.type === 'transport').map((s) => s.options.find(([k]) => k === 'bind')?.[1]);
  const dup = binds.find((b, i) => b && binds.indexOf(b) !== i);
  if (dup) problems.push(`two transports bind ${dup}: Asterisk loads only one of them`);
  if (problems.length) throw new Error(`pjsip.conf rejected (rules from ${OPTIONS.source}):\n  ${problems.join('\n  ')}`);
  return sections;
}
