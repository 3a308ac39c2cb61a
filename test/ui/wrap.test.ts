/** Word wrap on a terminal (wizard QA W6): a command, a URI or a path is never split; a long URL keeps its indent. */
import { describe, expect, it } from 'vitest';
import { resultsText } from '../../src/commands/show.js';
import { wrapLeft, wrapText } from '../../src/ui/layout/lines.js';
import { glueCommands, unglue } from '../../src/present/words.js';

const URL = 'https://support.exotel.com/support/solutions/articles/3000123456-a-very-long-article-name-and-more';

describe('word wrap', () => {
  it('keeps each command whole: the verb, one argument and the flags with their values', () => {
    const g = glueCommands('saved: exotrunk apply livekit --answers livekit-answers.yaml; exotrunk verify retell checks it, sh .exotrunk/out/x/y.sh too', 'exotrunk');
    expect(g.replaceAll('\u00a0', '_')).toBe('saved: exotrunk_apply_livekit_--answers_livekit-answers.yaml; exotrunk_verify_retell checks it, sh_.exotrunk/out/x/y.sh too');
    expect(unglue(g)).toBe('saved: exotrunk apply livekit --answers livekit-answers.yaml; exotrunk verify retell checks it, sh .exotrunk/out/x/y.sh too');
    expect(glueCommands('or after exotrunk credentials rotate retell now', 'exotrunk').replaceAll('\u00a0', '_')).toBe('or after exotrunk_credentials_rotate_retell now');
  });

  it('on the wizard screens: a command moves to the next line whole; a URL wider than the line goes on at the indent', () => {
    const cmd = wrapText('Nothing changed at Exotel. Your answers are saved: exotrunk apply livekit --answers a.yaml', 60, { indent: 2 });
    expect(cmd).toEqual(['Nothing changed at Exotel. Your answers are saved:', '  exotrunk apply livekit --answers a.yaml']);
    const url = wrapText(`! Note: see ${URL} for the details`, 40, { first: '  ', indent: 4 });
    for (const l of url.slice(1)) expect(l.startsWith('    '), l).toBe(true);
    for (const l of url) expect(l.length, l).toBeLessThanOrEqual(40);
    expect(url.join('').replace(/\s+/g, '')).toContain(URL);
  });

  it('in the scrollback: hanging under the number or bullet, a long URL left whole for the terminal', () => {
    expect(wrapLeft('  1. Use the configs in .exotrunk/out/own-pbx/ as follows (exotrunk render own-pbx shows where each one goes):', 60)).toEqual([
      '  1. Use the configs in .exotrunk/out/own-pbx/ as follows',
      '     (exotrunk render own-pbx shows where each one goes):',
    ]);
    expect(wrapLeft(`      • See ${URL} first`, 60)).toEqual(['      • See', `        ${URL}`, '        first']);
    expect(wrapLeft('  Destination  sip:abc123xyz.india.sip.livekit.cloud:5061;transport=tls', 40)).toEqual(['  Destination  sip:abc123xyz.india.sip.livekit.cloud:5061;transport=tls']);
  });

  it('headless apply results: wrapped to the width with the same hanging indents; piped, as they are', () => {
    const lines = ['✓ Set up on SANDBOX: LiveKit Cloud (SIP trunk), both directions', 'Next steps:', '  9. Check the trunk, then look at the dashboard: exotrunk verify livekit'];
    expect(resultsText(lines, 50).split('\n')).toEqual(['✓ Set up on SANDBOX: LiveKit Cloud (SIP trunk),', '  both directions', 'Next steps:', '  9. Check the trunk, then look at the dashboard:', '     exotrunk verify livekit']);
    expect(resultsText(lines, Infinity).split('\n')).toEqual(lines);
  });
});
