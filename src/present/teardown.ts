/** Teardown in words: human labels for its steps, and what is left to undo outside Exotel's trunk API. */

/** "delete-credential:livekit_sip" → "Delete credential livekit_sip"; "delete-trunk:trmum…" → "Delete trunk trmum…". */
export function teardownStepLabel(stepId: string): string {
  const [kind, what] = [stepId.slice(0, stepId.indexOf(':')), stepId.slice(stepId.indexOf(':') + 1)];
  if (kind === 'delete-credential') return `Delete credential ${what}`;
  if (kind === 'delete-trunk') return `Delete trunk ${what}`;
  return stepId;
}

/**
 * What the trunk API cannot undo: the partner side, and the Flow in the Exotel dashboard that dialled the
 * trunk. Said after every teardown, so nothing keeps pointing at a trunk that is gone.
 */
export function cleanupLines(partner: string, trunkSid: string | undefined, direction: string | undefined): string[] {
  const lines = [`At ${partner}: remove the SIP trunk, number import or dial-out settings that used this Exotel trunk.`];
  if (trunkSid && direction !== 'outbound') lines.push(`In the Exotel dashboard: a Flow whose Connect applet dials sip:${trunkSid} now reaches nothing; point the ExoPhone elsewhere.`);
  return lines;
}
