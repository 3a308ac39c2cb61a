#!/bin/sh
# LiveKit side of the Exotel trunk "livekit", in order: it sends the JSON files beside it. Run it from
# any folder (sh .exotrunk/out/livekit/livekit-commands.sh), with lk 2.17 or newer (the trunk files set media
# encryption) logged in to your project: lk cloud auth. Use this script OR paste the JSON files in LiveKit Cloud by
# hand, not both: each creates the trunks.
# Sources, checked 2026-11-29: LiveKit's telephony docs (docs.livekit.io/telephony) and the lk CLI.
set -eu
# the JSON files are next to this script
cd "$(dirname "$0")"

# Outbound: LiveKit → Exotel edge in.voip.exotel.com:443 (TLS) → phone network.
# Media: SRTP allow on this TLS leg: Exotel's TLS trunks carry SRTP media
# (developer.exotel.com/docs/vsip/tls-integration).
lk sip outbound create livekit-outbound-trunk.json
# Keep the SIPTrunkID it printed (ST_…). A test call, once your agent joins room test-call to speak:
#   printf '%s\n' '{ "sip_trunk_id": "<ST_… outbound id>", "sip_call_to": "+91XXXXXXXXXX", "room_name": "test-call" }' > sip-participant.json
#   lk sip participant create sip-participant.json

# Inbound: phone → Exotel +918012345678 → abc123xyz.india.sip.livekit.cloud:5061;transport=tls → LiveKit room.
# Media: SRTP allow on this TLS leg (Exotel's TLS trunks carry SRTP media).
# The inbound trunk accepts only Exotel's addresses and your number, in each form Exotel may send it:
# +918012345678, 08012345678, 8012345678.
INBOUND_TRUNK_ID=$(lk sip inbound create livekit-inbound-trunk.json | sed -n 's/^SIPTrunkID: //p')
if [ -z "$INBOUND_TRUNK_ID" ]; then
  echo "lk sip inbound create printed no SIPTrunkID: see its message above" >&2
  exit 1
fi
echo "Inbound trunk: $INBOUND_TRUNK_ID"
# The dispatch rule takes only the calls that arrive on that trunk, so it neither clashes with a project-wide
# rule you already have nor captures calls from your other trunks.
lk sip dispatch create --trunks "$INBOUND_TRUNK_ID" livekit-dispatch-rule.json
# No agent name given: the rule creates rooms only; your agent must join them by itself (automatic dispatch).

# Check:
lk sip outbound list
lk sip inbound list
lk sip dispatch list
