import { describe, expect, it } from 'vitest';
import { addressProblem, channelProblems, classifyAllowEntry, makeEgressPolicy, recipientsOutside, urlProblem } from './egress-policy';

const open = makeEgressPolicy({});

describe('egress address rules', () => {
  it.each(['127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1', '::ffff:a00:1', '::ffff:7f00:1'])(
    'denies %s by default',
    (ip) => expect(addressProblem(open, ip)).toBe('a private, loopback or link-local address'),
  );
  it.each(['93.184.215.14', '1.1.1.1', '2606:4700:4700::1111', '172.32.0.1'])('allows public %s', (ip) => expect(addressProblem(open, ip)).toBeNull());
  it('a listed CIDR or address opens exactly that range', () => {
    const p = makeEgressPolicy({ allow: ['10.20.0.0/16', '127.0.0.1'] });
    expect(addressProblem(p, '10.20.3.4')).toBeNull();
    expect(addressProblem(p, '10.21.0.1')).not.toBeNull();
    expect(addressProblem(p, '127.0.0.1')).toBeNull();
    expect(addressProblem(p, '127.0.0.2')).not.toBeNull();
  });
  it('listed host names make the host list strict; subdomain patterns match only below the domain', () => {
    const p = makeEgressPolicy({ allow: ['*.partner.example', 'hooks.example.com'] });
    expect(urlProblem(p, 'https://a.partner.example/x')).toBeNull();
    expect(urlProblem(p, 'https://partner.example.evil.test/x')).toMatch(/not in DIGEST_EGRESS_ALLOW/);
    expect(urlProblem(p, 'https://hooks.example.com/x')).toBeNull();
    expect(urlProblem(p, 'https://user:pw@hooks.example.com/x')).toMatch(/credentials/);
  });
  it('classifies allow-list entries and rejects junk', () => {
    expect(classifyAllowEntry('10.0.0.0/8')).toBe('cidr');
    expect(classifyAllowEntry('::1')).toBe('cidr');
    expect(classifyAllowEntry('*.example.com')).toBe('host');
    expect(classifyAllowEntry('10.0.0.0/33')).toBeNull();
    expect(classifyAllowEntry('exa mple')).toBeNull();
    expect(() => makeEgressPolicy({ allow: ['http://x'] })).toThrow(/not an address/);
  });
});

describe('channel rules', () => {
  it('Slack must be https on a Slack host; mail recipients must be in a listed domain or below it', () => {
    const p = makeEgressPolicy({ mailDomains: ['example.com'] });
    expect(channelProblems(p, [{ type: 'slack', url: 'https://hooks.slack.com/services/T/B/x' }])).toEqual([]);
    expect(channelProblems(p, [{ type: 'slack', url: 'https://hooks.slack.com.evil.test/services/x' }])).toEqual(['channels.0.url: a Slack webhook URL must point at hooks.slack.com']);
    expect(recipientsOutside(p, ['a@example.com', 'b@ops.example.com', 'c@example.com.evil.test', 'd@notexample.com'])).toEqual(['c@example.com.evil.test', 'd@notexample.com']);
  });
});
