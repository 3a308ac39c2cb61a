import { Box, Text, useInput } from 'ink';
import { defaultFor } from '../../core/engine/index.js';
import type { AnswerSource, AnswerValue, Question } from '../../core/engine/types.js';
import { ChoiceAnswer, choiceItems } from '../components/ChoiceAnswer.js';
import { KeyHints } from '../components/KeyHints.js';
import { SecretAnswer } from '../components/SecretAnswer.js';
import { TextAnswer } from '../components/TextAnswer.js';
import { useColor, usePaint, useRoom } from '../components/ui-context.js';
import { truncate, wrapText } from '../layout/lines.js';
import { Lines } from '../layout/TextLines.js';
import { questionNumber, type Flow } from '../state/wizard-reducer.js';

const PRESET: AnswerSource[] = ['flag', 'file', 'env'];
/** rows kept for a typed answer: the input, the default line, a message of up to three lines */
const TEXT_ROWS = 5;

/**
 * One question per screen: where the user is ("Question 3 of 9"), its prompt and help, the answer widget for
 * its kind, the validation message. Laid out to the terminal's height: a long help text is cut before the
 * choices are, and the choices scroll.
 */
export function QuestionScreen(props: { flow: Flow; question: Question; error?: string; previousSecret?: string; onAnswer: (v: AnswerValue, source?: AnswerSource) => void; onBack: () => void }) {
  const { flow, question: q, error } = props;
  const color = useColor();
  const paint = usePaint();
  const { width, height } = useRoom();
  useInput((_i, key) => key.escape && props.onBack());
  const suggested = flow.suggested[q.id] ?? defaultFor(q, flow.answers);
  const def = Array.isArray(suggested) ? suggested.join(', ') : suggested;
  const preset = Object.entries(flow.answers.sources).filter(([, s]) => PRESET.includes(s)).map(([id]) => id);
  const { n, of, about } = questionNumber(flow);
  const where = flow.editing ? 'Changing one answer' : `Question ${n} of ${about ? 'about ' : ''}${of}`;
  const top = [paint('dim', truncate(`${where} · ${flow.recipe.title}`, width)), ...(preset.length ? [paint('dim', truncate(`From flags / environment / answers file: ${preset.join(', ')}`, width))] : [])];
  const prompt = wrapText(paint('bold', q.prompt), width);
  const choice = q.kind === 'select' || q.kind === 'confirm';
  const choices = choice ? choiceItems(q).length : 0;
  const errorRows = error && choice ? wrapText(`✗ ${error}`, width).length : 0;
  const fixed = top.length + prompt.length + 1 + errorRows;
  const widgetMin = choice ? Math.min(choices, 3) + (choices > 3 ? 2 : 0) : q.kind === 'secret' ? 4 : TEXT_ROWS;
  const helpAll = q.help ? wrapText(q.help, width) : [];
  const helpRoom = Math.max(1, height - fixed - widgetMin);
  const help = helpAll.length > helpRoom ? [...helpAll.slice(0, helpRoom - 1), truncate(`${helpAll[helpRoom - 1]} …`, width)] : helpAll;
  const room = height - fixed - help.length;
  const limit = choices <= room ? choices : Math.max(3, Math.min(10, room - 2));
  return (
    <Box flexDirection="column">
      <Lines lines={top} />
      <Lines lines={prompt} />
      {help.length ? <Lines lines={help.map((l) => paint('dim', l))} /> : null}
      {/* key: a fresh widget per question, so typed text never carries over */}
      <Box key={q.id} flexDirection="column">
        {choice ? (
          <ChoiceAnswer q={q} def={def} limit={limit} onSubmit={(v) => props.onAnswer(v)} />
        ) : q.kind === 'secret' ? (
          <SecretAnswer q={q} previous={props.previousSecret} error={error} onSubmit={(v, s) => props.onAnswer(v, s)} />
        ) : (
          <TextAnswer q={q} def={typeof def === 'string' ? def : undefined} error={error} onSubmit={(v) => props.onAnswer(v)} />
        )}
      </Box>
      {error && choice ? <Text color={color('red')}>✗ {error}</Text> : null}
      <KeyHints hints={['Enter: confirm', flow.editing ? 'Esc: keep the answer as it was' : 'Esc: back', 'Ctrl-C: quit']} />
    </Box>
  );
}
