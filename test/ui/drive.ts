/**
 * Drives the wizard's question screens like a user: finds which question is on screen by its prompt and
 * types the wanted answer (arrows for choices, text then Enter, Enter alone for the default).
 */
import { defaultFor, questionsFor } from '../../src/core/engine/questions.js';
import { emptyAnswers } from '../../src/core/engine/answers.js';
import type { Recipe } from '../../src/core/recipes/schema.js';
import { DOWN, ENTER, UP } from './keys.js';
import { tick, waitForFrame } from './helpers.js';

type Io = { lastFrame: () => string | undefined; stdin: { write: (s: string) => void } };
export type Want = Record<string, string | boolean>;

/** Answer questions until `until` shows; returns the ids asked, in order. */
export async function answerQuestions(io: Io, recipe: Recipe, want: Want, until = 'Authentication:'): Promise<string[]> {
  const qs = questionsFor(recipe);
  const asked: string[] = [];
  for (let guard = 0; guard < 40; guard++) {
    const frame = await waitForFrame(io.lastFrame, (f) => f.includes(until) || qs.some((q) => f.includes(q.prompt)));
    if (frame.includes(until)) return asked;
    const q = qs.filter((x) => frame.includes(x.prompt)).sort((a, b) => b.prompt.length - a.prompt.length)[0];
    asked.push(q.id);
    await tick(); // the screen's input hooks attach in an effect after the frame is drawn
    const value = want[q.id];
    if (q.kind === 'select' || q.kind === 'confirm') {
      const values = q.kind === 'confirm' ? [true, false] : q.choices!.map((c) => c.value);
      const def = defaultFor(q, emptyAnswers());
      const from = Math.max(0, values.indexOf(def as never));
      const to = value === undefined ? from : values.indexOf(value as never);
      if (to < 0) throw new Error(`${String(value)} is not a choice of ${q.id}`);
      for (let i = from; i < to; i++) io.stdin.write(DOWN), await tick(15);
      for (let i = from; i > to; i--) io.stdin.write(UP), await tick(15);
    } else if (value !== undefined) {
      io.stdin.write(String(value));
      await tick();
    }
    io.stdin.write(ENTER);
    await waitForFrame(io.lastFrame, (f) => !f.includes(q.prompt) || f.includes(until));
  }
  throw new Error(`too many questions; asked ${asked.join(', ')}`);
}
