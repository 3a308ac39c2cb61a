/**
 * The wanted state of an ElevenLabs workspace, from the same data as templates/elevenlabs: the ExoPhone
 * imported as a SIP-trunk phone number, assigned to the agent. Pure: no SDK, no I/O.
 *
 * Wire names of @elevenlabs/elevenlabs-js 2.73.0 (CreateSipTrunkPhoneNumberRequest, UpdatePhoneNumberRequest,
 * GetPhoneNumberSipTrunkResponseModel; checked 2026-11-29). The deprecated supports_inbound / supports_outbound
 * are not sent (the SDK marks them "deprecated and will be removed"). The outbound trunk is configured only for
 * outbound use; ElevenLabs reads its password back only as has_auth_credentials.
 */
import { answerText, destinationTransport } from '../inputs.js';
import type { DesiredResource, PartnerInputs } from '../types.js';

export const OUT = 'outbound_trunk_config';
export const IN = 'inbound_trunk_config';

/** SRTP as the recipe answer says on a TLS leg; a TCP leg stays "disabled" (its SDP, keys included, is not encrypted) */
export function elevenlabsEncryption(inputs: PartnerInputs, leg: 'inbound' | 'outbound'): 'disabled' | 'allowed' | 'required' {
  const tls = leg === 'outbound' ? inputs.edge.transport === 'tls' : destinationTransport(inputs.destinationUri) === 'tls';
  const answer = answerText(inputs, 'el_media_encryption');
  return tls && (answer === 'allowed' || answer === 'required') ? answer : 'disabled';
}

/**
 * Where ElevenLabs takes calls for a number on one of its SIP stacks (GetPhoneNumberSipTrunkResponseModel
 * livekit_stack: "standard" or "static"), in the workspace the el_environment answer names: sip.rtc… or, for
 * the enterprise static-IP stack, sip-static.rtc… (ElevenLabs SIP trunking docs, checked 2026-11-29).
 */
export function elevenlabsSipHost(inputs: PartnerInputs, stack: string): string {
  const india = answerText(inputs, 'el_environment') === 'in';
  return `${stack === 'static' ? 'sip-static' : 'sip'}.rtc.${india ? 'in.residency.' : ''}elevenlabs.io`;
}

export function elevenlabsDesired(inputs: PartnerInputs): DesiredResource[] {
  const fields: DesiredResource['fields'] = {
    phone_number: inputs.did,
    label: answerText(inputs, 'el_label') || 'Exotel India',
  };
  // without an agent answer the assignment is left as it is (the SDK's update cannot send "none")
  const agent = answerText(inputs, 'el_agent_id');
  if (agent) fields.agent_id = agent;
  const labels: DesiredResource['labels'] = {
    phone_number: 'number (the ExoPhone, E.164)',
    label: 'label (recipe answer)',
    agent_id: 'assigned agent (recipe answer)',
  };
  const secrets: string[] = [];
  if (inputs.inbound) {
    fields[`${IN}.media_encryption`] = elevenlabsEncryption(inputs, 'inbound');
    fields[`${IN}.allowed_addresses`] = inputs.signallingIps.map((ip) => `${ip}/32`);
    labels[`${IN}.media_encryption`] = 'inbound media encryption (recipe answer on TLS, else disabled)';
    labels[`${IN}.allowed_addresses`] = "inbound allowed addresses (Exotel's signalling IPs)";
  }
  if (inputs.outbound) {
    fields[`${OUT}.address`] = inputs.edge.hostport;
    fields[`${OUT}.transport`] = inputs.edge.transport;
    fields[`${OUT}.media_encryption`] = elevenlabsEncryption(inputs, 'outbound');
    fields[`${OUT}.username`] = inputs.sipUsername;
    labels[`${OUT}.address`] = 'outbound address (Exotel edge host:port)';
    labels[`${OUT}.transport`] = 'outbound transport (Exotel edge transport)';
    labels[`${OUT}.media_encryption`] = 'outbound media encryption (recipe answer on TLS, else disabled)';
    labels[`${OUT}.username`] = 'digest username (the Exotel trunk credential)';
    if (inputs.digest) secrets.push(`${OUT}.password`);
  }
  return [
    {
      partner: 'elevenlabs',
      kind: 'phone-number',
      key: inputs.did,
      title: `ElevenLabs phone number ${inputs.did}`,
      purpose: `ElevenLabs needs the ExoPhone imported as a SIP-trunk number${inputs.outbound ? ` (calls out to the Exotel edge ${inputs.edge.hostport}${inputs.digest ? ' with the digest credential' : ''})` : ''}${agent ? ` and assigned to agent ${agent}` : ''}`,
      fields,
      labels,
      secrets,
      dependsOn: [],
    },
  ];
}
