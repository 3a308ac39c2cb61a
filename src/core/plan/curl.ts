/**
 * A plan as a runnable shell script of curl calls. It reads the account and credentials from the environment
 * and holds no literal secret: the SIP password comes from $EXOTRUNK_SIP_PASSWORD at run time. No secret is in
 * curl's argv either: the header comes from a file descriptor, the body from stdin. Each call is the
 * step's own request (exotel/wire.ts through step-kinds.ts), with the account, the trunk and the password left to
 * the shell.
 */
import { cliName } from '../cli-name.js';
import { shownCall } from './step-kinds.js';
import type { Plan } from './types.js';

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

// Stand-ins for what the shell fills in: '@' is valid in no sid, trunk name or API path, so replacing them is exact.
const ACCOUNT = '@@ACCOUNT@@';
const TRUNK = '@@TRUNK@@';
const PASSWORD = '@@PASSWORD@@';

export function planToCurl(plan: Plan, baseUrl: string): string {
  const exotelSteps = plan.steps.filter((s) => s.side === 'exotel');
  const needsPassword = exotelSteps.some((s) => s.kind === 'create-credential');
  const lines = [
    '#!/usr/bin/env bash',
    `# exotrunk plan for ${plan.recipeId} (${plan.direction}), trunk ${plan.trunkName}`,
    '# Needs: EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN' + (needsPassword ? ', EXOTRUNK_SIP_PASSWORD' : '') + ', bash, curl 7.55 or newer, and jq.',
    '# No secret is in a URL or in any command line (ps shows none): curl reads the Authorization header from a',
    '# file descriptor and the request body from stdin, both written by bash builtins.',
    'set -euo pipefail',
    `BASE_URL="\${EXOTEL_BASE_URL:-${baseUrl}}"`,
    ': "${EXOTEL_ACCOUNT_SID:?set EXOTEL_ACCOUNT_SID}" "${EXOTEL_API_KEY:?set EXOTEL_API_KEY}" "${EXOTEL_API_TOKEN:?set EXOTEL_API_TOKEN}"',
    'auth_header() { printf \'Authorization: Basic %s\\n\' "$(printf \'%s:%s\' "$EXOTEL_API_KEY" "$EXOTEL_API_TOKEN" | base64 | tr -d \'\\n\')"; }',
    'call() { # method path [json]',
    '  local out',
    '  if [ $# -ge 3 ]; then',
    '    out=$(printf \'%s\' "$3" | curl -sS -X "$1" "$BASE_URL$2" -H @<(auth_header) -H "Content-Type: application/json" --data-binary @-)',
    '  else',
    '    out=$(curl -sS -X "$1" "$BASE_URL$2" -H @<(auth_header))',
    '  fi',
    '  printf \'%s\\n\' "$out" >&2',
    '  # Exotel reports failures inside the envelope, even with HTTP 200.',
    '  # Multi-status answers (destinations, settings) carry one envelope per item: check every one.',
    '  if printf \'%s\' "$out" | jq -e \'[.response] | flatten | any(.[]; type == "object" and .status == "failure" and .code != 409)\' >/dev/null; then echo "failed: $1 $2" >&2; exit 1; fi',
    '  printf \'%s\' "$out"',
    '}',
  ];
  if (needsPassword) {
    // a JSON string (quotes, backslashes and all escaped by jq), read from stdin: never in argv
    lines.push('SIP_PASSWORD_JSON=$(printf \'%s\' "${EXOTRUNK_SIP_PASSWORD:?set EXOTRUNK_SIP_PASSWORD}" | jq -Rs .)');
  }
  if (exotelSteps.length) lines.push(plan.trunkSid ? `TRUNK_SID=${shellQuote(plan.trunkSid)}` : 'TRUNK_SID=""');
  for (const step of plan.steps) {
    lines.push('', `# ${step.title}: ${step.reason}`);
    if (step.side !== 'exotel') {
      lines.push(`# (not an Exotel call: ${cliName()} apply ${plan.recipeId} makes it)`);
      continue;
    }
    const req = shownCall({ accountSid: ACCOUNT, trunkSid: TRUNK }, step, { secret: PASSWORD });
    const path = req.path.replaceAll(ACCOUNT, '$EXOTEL_ACCOUNT_SID').replaceAll(TRUNK, '$TRUNK_SID');
    // inside the single-quoted JSON, a shell variable is spliced in by closing the quotes around it; the
    // password goes in as the JSON string jq made of it
    const body = req.body === undefined ? '' : JSON.stringify(req.body).replaceAll(ACCOUNT, `'"$EXOTEL_ACCOUNT_SID"'`).replaceAll(TRUNK, `'"$TRUNK_SID"'`).replaceAll(`"${PASSWORD}"`, `'"$SIP_PASSWORD_JSON"'`);
    const call = `call ${req.method} "${path}"${body ? ` '${body}'` : ''}`;
    if (step.kind === 'create-trunk') {
      lines.push(
        `TRUNK_SID=$(${call} | jq -r '.response.data.trunk_sid // empty')`,
        // An existing name answers 409 without a sid: the API cannot look it up, so stop here.
        'if [ -z "$TRUNK_SID" ]; then echo "the trunk was not created (a trunk with this name exists?): set TRUNK_SID from the dashboard and run the rest" >&2; exit 1; fi',
        'echo "trunk_sid=$TRUNK_SID"',
      );
    } else lines.push(`${call} >/dev/null`);
  }
  lines.push('', 'echo "done" >&2', '');
  return lines.join('\n');
}
