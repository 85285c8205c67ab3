import { describe, expect, it } from 'vitest';
import { renewCommand, retryCommand } from '../../src/cmdutil/hints.js';

describe('the one command that renews or repeats a login', () => {
  it('names the server, the profile (when not the host) and the user, so nothing known is asked again', () => {
    expect(renewCommand('https://chat.example.com', { name: 'chat.example.com', username: 'jdoe' })).toBe(
      'rcuser login https://chat.example.com -u jdoe',
    );
    expect(renewCommand('https://chat.example.com', { name: 'work', username: 'jdoe' })).toBe(
      'rcuser login https://chat.example.com --name work -u jdoe',
    );
  });
  it('a personal access token is given again on stdin, with its user id', () => {
    expect(
      renewCommand('https://chat.example.com', {
        name: 'ci',
        userId: 'aobEdbYhXfu5hkeqG',
        tokenKind: 'personal-access-token',
        username: 'ci-bot',
      }),
    ).toBe('rcuser login https://chat.example.com --name ci --token-stdin --user-id aobEdbYhXfu5hkeqG < token.txt');
  });
  it('a failed login is repeated with its CA file and --password-stdin as given', () => {
    expect(
      retryCommand('https://chat.internal', 'chat.internal', 'j doe', { caFile: '/etc/ca.pem', passwordStdin: true }),
    ).toBe("rcuser login https://chat.internal -u 'j doe' --ca-file /etc/ca.pem --password-stdin");
  });
});
