#!/bin/sh
# LiveKit side of the Exotel trunk "livekit", in order. Run it in its own folder (next to the JSON files),
# with lk 2.17 or newer (the trunk files set media encryption) logged in to your project: lk cloud auth.
# Sources, checked 2026-11-29: LiveKit's telephony docs (docs.livekit.io/telephony) and the lk CLI.
set -eu

# Outbound: LiveKit → Exotel edge in.voip.exotel.com:5070 (TCP) → phone network.
# Media: plain RTP on this TCP leg (SRTP keys would cross the network unencrypted in TCP signalling).
lk sip outbound create livekit-outbound-trunk.json
# Keep the SIPTrunkID it printed (ST_…). A test call, once your agent joins room test-call to speak:
#   printf '%s\n' '{ "sip_trunk_id": "<ST_… outbound id>", "sip_call_to": "+91XXXXXXXXXX", "room_name": "test-call" }' > sip-participant.json
#   lk sip participant create sip-participant.json

# Check:
lk sip outbound list
