/** The SIP probe as the front ends use it: parse a target, probe it, explain a SIP code. */
export { probe, type ProbeOptions, type ProbeResult } from './probe.js';
export { parseTarget } from './target.js';
export { explainSipCode, KNOWN_SIP_CODES, MEDIA_ISSUES } from './sip-codes.js';
