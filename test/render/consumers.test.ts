/**
 * The consumer checks (test/helpers/consumers.ts) must be able to fail: each program refuses a known-bad input.
 */
import { describe, expect, it } from 'vitest';
import { canUseNamespaces, checkAwsPasteLine, checkIptables, checkShell, checkUfw } from '../helpers/consumers.js';

const RULES = '[{"IpProtocol":"udp","FromPort":10000,"ToPort":40000,"IpRanges":[{"CidrIp":"3.6.59.115/32","Description":"Exotel RTP media"}]}]';

describe('consumers refuse what their programs refuse', () => {
  it('aws-cli: --cli-input-json on a bare list fails at its parameters; --ip-permissions gets as far as the endpoint', () => {
    expect(() => checkAwsPasteLine('aws ec2 authorize-security-group-ingress --group-id <sg-id> --cli-input-json file://sg.json', { 'sg.json': RULES })).toThrow(/refused the parameters/);
    expect(() => checkAwsPasteLine('aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions file://sg.json', { 'sg.json': RULES.replace('FromPort', 'FromPrt') })).toThrow(/refused the parameters/);
    checkAwsPasteLine('aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions file://sg.json', { 'sg.json': RULES });
  }, 30_000);

  it('sh -n and shellcheck', () => {
    expect(() => checkShell('a.sh', '#!/bin/sh\nif true; then echo x\n')).toThrow(/sh -n/);
    expect(() => checkShell('b.sh', '#!/bin/sh\nrm -rf $DIR/x\n')).toThrow(/shellcheck/);
  });

  it.runIf(canUseNamespaces())('iptables in a network namespace: a bad rule and a non-idempotent script both fail', () => {
    expect(() => checkIptables('c.sh', '#!/bin/sh\niptables -A INPUT -p udp -s 3.6.59.115 --dport 10000:99999 -j ACCEPT\n')).toThrow();
    expect(() => checkIptables('d.sh', '#!/bin/sh\niptables -A INPUT -p udp -s 3.6.59.115 --dport 10000:40000 -j ACCEPT\n')).toThrow(/a re-run must add none/);
  });

  it.runIf(canUseNamespaces())('ufw --dry-run refuses a port range written with a dash', () => {
    expect(() => checkUfw('e.sh', "#!/bin/sh\nufw allow proto udp from 3.6.59.115 to any port 10000-40000 comment 'x'\n")).toThrow(/ufw --dry-run/);
  });
});
