/**
 * Drives the wizard's question screens like a user: finds which question is on screen by its prompt and
 * types the wanted answer (arrows for choices, text then Enter, Enter alone for the default).
 */
import { defaultFor, questionsFor } from '../../src/core/engine/questions.js';
import { emptyAnswers } from '../../src/core/engine/answers.js';
import type { Recipe } from '../../src/core/recipes/schema.js';
import { ENTER } from './keys.js';
import { choose, tick, waitForFrame } from './helpers.js';

type Io = { lastFrame: () => string | undefined; stdin: { write: (s: string) => void } };
export type Want = Record<string, string | boolean>;

/** The partner-API offer after the questions (LiveKit, ElevenLabs, Retell): its first line. */
export const OFFER = 'After the questions';

/**
 * Answer questions until `until` shows (past the review of the answers); returns the ids asked, in order. The
 * partner-API offer takes its default (without keys: the config to paste), or `want.__partner_api` (a label).
 */
export async function answerQuestions(io: Io, recipe: Recipe, want: Want, until = 'Authentication:'): Promise<string[]> {
  const qs = questionsFor(recipe);
  const asked: string[] = [];
  for (let guard = 0; guard < 40; guard++) {
    const frame = await waitForFrame(io.lastFrame, (f) => f.includes(until) || f.includes('Review: ') || f.includes(OFFER) || qs.some((q) => f.includes(q.prompt)));
    if (frame.includes(until)) return asked;
    if (frame.includes(OFFER)) {
      await tick();
      if (typeof want.__partner_api === 'string') await choose(io, want.__partner_api);
      else io.stdin.write(ENTER);
      await waitForFrame(io.lastFrame, (f) => !f.includes(OFFER));
      continue;
    }
    if (frame.includes('Review: ')) {
      await choose(io, 'Continue: check these answers');
      await waitForFrame(io.lastFrame, (f) => !f.includes('Review: '));
      continue;
    }
    const q = qs.filter((x) => frame.includes(x.prompt)).sort((a, b) => b.prompt.length - a.prompt.length)[0];
    asked.push(q.id);
    await tick(); // the screen's input hooks attach in an effect after the frame is drawn
    const value = want[q.id];
    if (q.kind === 'select' || q.kind === 'confirm') {
      const items = q.kind === 'confirm' ? [{ value: true, label: 'Yes' }, { value: false, label: 'No' }] : q.choices!;
      const wanted = value ?? defaultFor(q, emptyAnswers()) ?? items[0].value;
      const item = items.find((c) => c.value === wanted);
      if (!item) throw new Error(`${String(value)} is not a choice of ${q.id}`);
      await choose(io, item.label);
    } else {
      if (value !== undefined) {
        io.stdin.write(String(value));
        await waitForFrame(io.lastFrame, `› ${q.kind === 'secret' ? '*' : String(value)}`);
      }
      io.stdin.write(ENTER);
    }
    await waitForFrame(io.lastFrame, (f) => !f.includes(q.prompt) || f.includes(until));
  }
  throw new Error(`too many questions; asked ${asked.join(', ')}`);
}
