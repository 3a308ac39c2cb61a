/**
 * What the wizard does on its own, not on a key: the work a 'busy' state names (start, check the answers with
 * the rules, render), leaving when the machine reaches 'exit', and Ctrl-C (which stops a running plan cleanly).
 */
import { useApp, useInput } from 'ink';
import { useEffect } from 'react';
import type { AppProps } from './app.js';
import type { Session } from './session.js';
import { sessionAccountLines } from '../present/exits.js';

export function useWizardEffects(s: Session, props: Pick<AppProps, 'trunkSid' | 'onExit'>): void {
  const { exit } = useApp();
  const { state, dispatch, engineRef } = s;

  // Work that starts by itself when the machine lands in 'busy' with a task.
  useEffect(() => {
    if (state.tag !== 'busy' || !state.task) return;
    if (state.task === 'start') s.begin();
    else if (state.task === 'render' && state.flow && state.inputs) void s.actions.render(state.flow, state.inputs);
    else if (state.task === 'inputs' && state.flow) {
      const flow = state.flow;
      try {
        dispatch({ type: 'inputs-ready', flow, inputs: engineRef.current.inputs(flow.recipe, flow.answers, { trunkSid: props.trunkSid, partnerApi: flow.partnerApi }) });
      } catch (e) {
        s.fail(e, 'inputs');
      }
    }
  }, [state]);

  useEffect(() => {
    if (state.tag !== 'exit') return;
    props.onExit(state.code, engineRef.current, sessionAccountLines(state.farewell ?? [], s.sessionAccount.current), state.raw);
    exit();
  }, [state]);

  useInput((input, key) => {
    if (!(key.ctrl && input === 'c')) return;
    const now = s.stateRef.current;
    if (now.tag === 'applying') s.abortRef.current?.abort();
    dispatch({ type: 'interrupt', farewell: s.linesFor(now) });
  });
}
