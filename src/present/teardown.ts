/** Teardown in words: what is left to undo outside Exotel's trunk API. */

/**
 * What the trunk API cannot undo: the partner side, and the Flow in the Exotel dashboard that dialled the
 * trunk. Said after every teardown, so nothing keeps pointing at a trunk that is gone.
 */
export function cleanupLines(partner: string, trunkSid: string | undefined, direction: string | undefined): string[] {
  const lines = [`At ${partner}: remove the SIP trunk, number import or dial-out settings that used this Exotel trunk.`];
  if (trunkSid && direction !== 'outbound') lines.push(`In the Exotel dashboard: a Flow whose Connect applet dials sip:${trunkSid} now reaches nothing; point the ExoPhone elsewhere.`);
  return lines;
}
