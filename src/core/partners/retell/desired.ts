/**
 * The wanted state of a Retell workspace, from the same data as templates/retell: the ExoPhone imported with
 * the Exotel edge as termination URI, digest auth, and the agent bound for the directions in use. Pure.
 *
 * Wire names of retell-sdk 5.66.1 (PhoneNumberImportParams, PhoneNumberUpdateParams, PhoneNumberResponse;
 * checked 2026-11-29). Import calls the credential sip_trunk_auth_username / _password, update calls it
 * auth_username / auth_password, and the response shows sip_outbound_trunk_config.auth_username only.
 */
import { answerText } from '../inputs.js';
import type { DesiredResource, PartnerInputs } from '../types.js';

export function retellDesired(inputs: PartnerInputs): DesiredResource[] {
  const agent = answerText(inputs, 'retell_agent_id');
  return [
    {
      partner: 'retell',
      kind: 'phone-number',
      key: inputs.did,
      title: `Retell phone number ${inputs.did}`,
      purpose: `Retell needs the ExoPhone imported with the Exotel edge ${inputs.edge.hostport} as its termination URI${inputs.digest ? ' and the digest credential' : ''}${agent ? `, bound to agent ${agent}` : ''}`,
      fields: {
        phone_number: inputs.did,
        termination_uri: inputs.edge.hostport,
        transport: inputs.edge.transport.toUpperCase(),
        auth_username: inputs.sipUsername,
        nickname: answerText(inputs, 'retell_nickname') || 'Exotel India',
        // only the directions in use: an agent bound by hand for the other one is left alone
        ...(inputs.inbound && agent ? { inbound_agents: [agent] } : {}),
        ...(inputs.outbound && agent ? { outbound_agents: [agent] } : {}),
      },
      labels: {
        phone_number: 'number (the ExoPhone, E.164)',
        termination_uri: 'termination URI (Exotel edge host:port)',
        transport: 'outbound transport (Exotel edge transport)',
        auth_username: 'digest username (the Exotel trunk credential)',
        nickname: 'nickname (recipe answer)',
        inbound_agents: 'agent answering inbound calls (recipe answer)',
        outbound_agents: 'agent placing outbound calls (recipe answer)',
      },
      secrets: inputs.digest ? ['auth_password'] : [],
      dependsOn: [],
    },
  ];
}
