/**
 * "Question n of m" (wizard QA W11): m counts only questions the wizard can ask (never the quiet sip_credential)
 * and does not jump while the defaults are taken; "about" says when a choice ahead can still change it.
 */
import { describe, expect, it } from 'vitest';
import { emptyAnswers } from '../../src/core/engine/answers.js';
import { listRecipeIds, loadRecipe } from '../../src/core/recipes/loader.js';
import { defaultFor } from '../../src/core/engine/questions.js';
import { questionNumber, wizardReducer, type WizardState } from '../../src/ui/state/wizard-reducer.js';

/** Every question answered with its default (or a valid text where it has none), as a user pressing Enter. */
const TEXT: Record<string, string> = { did: '+918012345678', livekit_subdomain: 'abc123', retell_agent_id: 'agent_abc', pbx_ips: '44.248.146.11', pbx_host: '44.248.146.11', daily_domain: 'examplecorp', daily_webhook_url: 'https://hooks.example.com/d', sbc_host: 'sbc.example.com', streamkit_server_ips: '44.248.146.12', voicebot_url: 'wss://bot.example.com/v', bolna_agent_id: '3c90c3cc-0d44-4b50-8888-8dd25736052a', nlpearl_sip_domain: 'sip.nlpearl.example.com', rapida_assistant_id: '2227823180112723968', smallest_origination: 'sip.smallest.example.com:5060', vocallabs_websocket_url: 'wss://ws.example.com/s', vocallabs_webhook_url: 'https://hooks.example.com/v', vocallabs_sip_host: 'sip.vocallabs.example.com:5060' };

describe('Question n of m', () => {
  for (const id of listRecipeIds()) {
    it(`${id}: m is the number of questions asked when each takes its default`, () => {
      const recipe = loadRecipe(id);
      let s: WizardState = wizardReducer({ tag: 'pick-recipe' }, { type: 'pick', recipe, preset: emptyAnswers(), suggested: {} });
      const seen: { n: number; of: number; about: boolean; id: string }[] = [];
      while (s.tag === 'question') {
        const q = s.question;
        expect(q.id).not.toBe('sip_credential');
        seen.push({ ...questionNumber(s.flow), id: q.id });
        const d = defaultFor(q, s.flow.answers);
        const value = TEXT[q.id] ?? (d !== undefined && d !== '' ? d : q.kind === 'confirm' ? false : q.kind === 'select' ? q.choices![0]!.value : q.kind === 'secret' ? 'Str0ng-Passw0rd-123456' : q.optional ? '' : 'x');
        s = wizardReducer(s, { type: 'answer', value, source: 'prompt' });
        if (seen.length > 60) break;
      }
      expect(s.tag, JSON.stringify(s).slice(0, 300)).toBe('review');
      expect(seen.map((x) => x.n)).toEqual(seen.map((_, i) => i + 1));
      // the total said on each screen is the number of questions that were asked
      for (const x of seen) expect(x.of, `${x.id}: ${x.n} of ${x.of} in ${seen.map((y) => `${y.id}:${y.of}`).join(' ')}`).toBe(seen.length);
    });
  }

  it('says "about" while a choice ahead decides which questions apply', () => {
    const recipe = loadRecipe('pipecat-daily');
    const s = wizardReducer({ tag: 'pick-recipe' }, { type: 'pick', recipe, preset: emptyAnswers(), suggested: {} });
    if (s.tag !== 'question') throw new Error(s.tag);
    expect(questionNumber(s.flow).about).toBe(true);
  });
});
