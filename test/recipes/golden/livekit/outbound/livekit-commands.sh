#!/bin/sh
# LiveKit side of the Exotel trunk "livekit", in order: it sends the JSON files beside it. Run it from
# any folder (sh .exotrunk/out/livekit/livekit-commands.sh), with lk 2.17 or newer (the trunk files set media
# encryption) logged in to your project: lk cloud auth. Use this script OR paste the JSON files in LiveKit Cloud by
# hand, not both: each creates the trunks.
# Sources, checked 2026-11-29: LiveKit's telephony docs (docs.livekit.io/telephony) and the lk CLI.
set -eu
# the JSON files are next to this script
cd "$(dirname "$0")"

# Outbound: LiveKit → Exotel edge in.voip.exotel.com:5070 (TCP) → phone network.
# Media: plain RTP on this TCP leg (SRTP keys would cross the network unencrypted in TCP signalling).
lk sip outbound create livekit-outbound-trunk.json
# Keep the SIPTrunkID it printed (ST_…). A test call, once your agent joins room test-call to speak:
#   printf '%s\n' '{ "sip_trunk_id": "<ST_… outbound id>", "sip_call_to": "+91XXXXXXXXXX", "room_name": "test-call" }' > sip-participant.json
#   lk sip participant create sip-participant.json

# Check:
lk sip outbound list
