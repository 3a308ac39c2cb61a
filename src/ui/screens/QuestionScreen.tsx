import { Box, Text, useInput } from 'ink';
import { defaultFor } from '../../core/engine/questions.js';
import type { AnswerSource, AnswerValue } from '../../core/engine/types.js';
import type { Question } from '../../core/recipes/schema.js';
import { ChoiceAnswer } from '../components/ChoiceAnswer.js';
import { KeyHints } from '../components/KeyHints.js';
import { SecretAnswer } from '../components/SecretAnswer.js';
import { TextAnswer } from '../components/TextAnswer.js';
import { useColor } from '../components/ui-context.js';
import type { Flow } from '../state/wizard-reducer.js';

const PRESET: AnswerSource[] = ['flag', 'file', 'env'];

/** One question per screen: its prompt and help, the answer widget for its kind, the validation message. */
export function QuestionScreen(props: { flow: Flow; question: Question; error?: string; previousSecret?: string; onAnswer: (v: AnswerValue, source?: AnswerSource) => void; onBack: () => void }) {
  const { flow, question: q, error } = props;
  const color = useColor();
  useInput((_i, key) => key.escape && props.onBack());
  const suggested = flow.suggested[q.id] ?? defaultFor(q, flow.answers);
  const def = Array.isArray(suggested) ? suggested.join(', ') : suggested;
  const preset = Object.entries(flow.answers.sources).filter(([, s]) => PRESET.includes(s)).map(([id]) => id);
  return (
    <Box flexDirection="column">
      <Text dimColor>{flow.recipe.title}</Text>
      {preset.length ? <Text dimColor>From flags / environment / answers file: {preset.join(', ')}</Text> : null}
      <Text bold>{q.prompt}</Text>
      {q.help ? <Text dimColor>{q.help}</Text> : null}
      {/* key: a fresh widget per question, so typed text never carries over */}
      <Box key={q.id} flexDirection="column">
        {q.kind === 'select' || q.kind === 'confirm' ? (
          <ChoiceAnswer q={q} def={def} onSubmit={(v) => props.onAnswer(v)} />
        ) : q.kind === 'secret' ? (
          <SecretAnswer q={q} previous={props.previousSecret} onSubmit={(v, s) => props.onAnswer(v, s)} />
        ) : (
          <TextAnswer q={q} def={typeof def === 'string' ? def : undefined} error={error} onSubmit={(v) => props.onAnswer(v)} />
        )}
      </Box>
      {error && (q.kind === 'select' || q.kind === 'confirm' || q.kind === 'secret') ? <Text color={color('red')}>✗ {error}</Text> : null}
      <KeyHints hints={['Enter: confirm', 'Esc: back', 'Ctrl-C: quit']} />
    </Box>
  );
}
