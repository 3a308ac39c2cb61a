import { Box, Text } from 'ink';
import type { RunState } from '../../core/plan/state.js';
import { Table } from './Table.js';

/** What now exists at Exotel, from the journal: trunk, numbers and their mode, credential, ACL, destinations. */
export function ResourcesTable({ run }: { run?: RunState }) {
  if (!run?.trunkSid) return <Text dimColor>No Exotel trunk for this setup.</Text>;
  const r = run.resources;
  const rows: string[][] = [['Trunk', run.trunkSid, run.trunkName]];
  for (const [phone, n] of Object.entries(r.numbers)) rows.push(['Number', `id ${n.id}`, `${phone}, mode ${n.mode ?? 'not set'}`]);
  if (r.credential) rows.push(['Credential', r.credential.id ? `id ${r.credential.id}` : '-', `user ${r.credential.userName}`]);
  for (const [ip, id] of Object.entries(r.acl)) rows.push(['ACL entry', `id ${id}`, `${ip}/32`]);
  for (const [uri, id] of Object.entries(r.destinations)) rows.push(['Destination', `id ${id}`, uri]);
  if (r.alias) rows.push(['Caller ID', '-', `trunk_external_alias ${r.alias}`]);
  return (
    <Box flexDirection="column">
      <Text bold>What exists now ({run.target})</Text>
      <Table head={['Resource', 'Id', 'Value']} rows={rows} widths={[13, 30]} />
    </Box>
  );
}
