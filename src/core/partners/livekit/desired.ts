/**
 * The wanted state of a LiveKit project, from the same data as templates/livekit: an outbound trunk toward
 * the Exotel edge, an inbound trunk for the ExoPhone, and a dispatch rule scoped to that inbound trunk.
 * Pure: no SDK, no I/O.
 *
 * Field names are the wire (snake_case) names of livekit/protocol livekit_sip.proto (npm @livekit/protocol
 * 1.52.1, checked 2026-11-29). Media encryption on a TLS leg follows the livekit_media_encryption answer
 * (default ALLOW): Exotel documents SRTP with TLS (https://developer.exotel.com/docs/vsip/tls-integration) and
 * LiveKit answers plain RTP to an SDES offer when encryption is DISABLE. destination_country is lower-case "in" as in LiveKit's region pinning docs
 * (https://docs.livekit.io/telephony/features/region-pinning.md).
 */
import { answerText, destinationTransport, numberForms } from '../inputs.js';
import { refTo, type DesiredResource, type PartnerInputs } from '../types.js';

export const outboundTrunkName = (inputs: PartnerInputs): string => `Exotel ${inputs.trunkName}`;
export const inboundTrunkName = (inputs: PartnerInputs): string => `Exotel ${inputs.trunkName} inbound`;
export const dispatchRuleName = (inputs: PartnerInputs): string => `Exotel ${inputs.trunkName} inbound ${inputs.did}`;

export type LiveKitTransport = 'SIP_TRANSPORT_TCP' | 'SIP_TRANSPORT_TLS' | 'SIP_TRANSPORT_UDP' | 'SIP_TRANSPORT_AUTO';
export type LiveKitEncryption = 'SIP_MEDIA_ENCRYPT_DISABLE' | 'SIP_MEDIA_ENCRYPT_ALLOW' | 'SIP_MEDIA_ENCRYPT_REQUIRE';

/** SRTP on a TLS leg as the recipe answer says (default allow); a TCP leg stays plain RTP (its SDP, keys included, is not encrypted) */
export function encryptionFor(inputs: PartnerInputs, tls: boolean): LiveKitEncryption {
  if (!tls) return 'SIP_MEDIA_ENCRYPT_DISABLE';
  const answer = answerText(inputs, 'livekit_media_encryption').toUpperCase();
  return answer === 'REQUIRE' || answer === 'DISABLE' ? `SIP_MEDIA_ENCRYPT_${answer}` : 'SIP_MEDIA_ENCRYPT_ALLOW';
}

/** The dispatch rule as one comparable string: "individual:<room prefix>". */
export const individualRule = (prefix: string): string => `individual:${prefix}`;

export function livekitDesired(inputs: PartnerInputs): DesiredResource[] {
  const out: DesiredResource[] = [];
  const base = { partner: 'livekit' as const, dependsOn: [] };
  if (inputs.outbound) {
    const name = outboundTrunkName(inputs);
    const digest = inputs.digest;
    out.push({
      ...base,
      kind: 'outbound-trunk',
      key: name,
      title: `LiveKit outbound trunk "${name}"`,
      purpose: `LiveKit places the agent's outbound calls through it, to the Exotel edge ${inputs.edge.hostport}${digest ? ' with the trunk\'s digest credential' : ''}`,
      fields: {
        name,
        address: inputs.edge.hostport,
        transport: inputs.edge.transport === 'tls' ? 'SIP_TRANSPORT_TLS' : 'SIP_TRANSPORT_TCP',
        numbers: [inputs.did],
        destination_country: 'in',
        auth_username: inputs.sipUsername,
        media_encryption: encryptionFor(inputs, inputs.edge.transport === 'tls'),
      },
      labels: {
        name: 'trunk name (from the Exotel trunk name)',
        address: 'outbound address (Exotel edge host:port)',
        transport: 'outbound transport (Exotel edge transport)',
        numbers: 'caller numbers (the ExoPhone, E.164)',
        destination_country: 'region pinning (India)',
        auth_username: 'digest username (the Exotel trunk credential)',
        media_encryption: 'media encryption (SRTP allowed on TLS)',
      },
      secrets: digest ? ['auth_password'] : [],
    });
  }
  // an inbound trunk the user already has (livekit_inbound_trunk_id): the rule is scoped to it, and it is left as it is
  const ownTrunk = answerText(inputs, 'livekit_inbound_trunk_id');
  if (inputs.inbound && !ownTrunk) {
    const name = inboundTrunkName(inputs);
    const tls = destinationTransport(inputs.destinationUri) !== 'tcp';
    out.push({
      ...base,
      kind: 'inbound-trunk',
      key: name,
      title: `LiveKit inbound trunk "${name}"`,
      purpose: `LiveKit accepts calls for ${inputs.did} only from Exotel's signalling IPs through it`,
      fields: {
        name,
        numbers: numberForms(inputs.did),
        allowed_addresses: inputs.signallingIps.map((ip) => `${ip}/32`),
        krisp_enabled: true,
        media_encryption: encryptionFor(inputs, tls),
      },
      labels: {
        name: 'trunk name (from the Exotel trunk name)',
        numbers: 'called numbers (the ExoPhone in every form Exotel may send)',
        allowed_addresses: "allowed addresses (Exotel's signalling IPs)",
        krisp_enabled: 'noise cancellation',
        media_encryption: 'media encryption (SRTP allowed when the Exotel destination is TLS)',
      },
      secrets: [],
    });
  }
  if (inputs.inbound) {
    const rule = dispatchRuleName(inputs);
    out.push({
      ...base,
      kind: 'dispatch-rule',
      key: rule,
      title: `LiveKit dispatch rule "${rule}"`,
      purpose: `It puts each call arriving on ${ownTrunk ? `your inbound trunk ${ownTrunk}` : 'the inbound trunk'} in a room of its own${answerText(inputs, 'livekit_agent_name') ? ` with agent ${answerText(inputs, 'livekit_agent_name')}` : ''}`,
      fields: {
        name: rule,
        rule: individualRule(answerText(inputs, 'livekit_room_prefix') || 'call-'),
        trunk_ids: [ownTrunk || refTo('inbound-trunk')],
        agent_name: answerText(inputs, 'livekit_agent_name'),
      },
      labels: {
        name: 'rule name (from the Exotel trunk name)',
        rule: 'one room per caller, with the recipe room prefix',
        trunk_ids: ownTrunk ? 'scoped to your inbound trunk (livekit_inbound_trunk_id)' : 'scoped to the inbound trunk above',
        agent_name: 'agent dispatched into each room (recipe answer)',
      },
      secrets: [],
      dependsOn: ownTrunk ? [] : ['inbound-trunk'],
    });
  }
  return out;
}
