import { describe, expect, it } from 'vitest';
import { ApiError, NotRocketChatError } from '../../src/api/errors.js';
import { NetworkError } from '../../src/api/network-errors.js';
import { failsEveryRequest } from '../../src/api/repeating.js';

describe('failsEveryRequest', () => {
  it.each([
    [new NetworkError('refused', undefined, 'ECONNREFUSED'), true],
    [new NetworkError('unknown host', undefined, 'ENOTFOUND'), true],
    [new NetworkError('tls', undefined, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'), true],
    [new NotRocketChatError('web page', 200, ''), true],
    [new NotRocketChatError('not found page', 404, ''), true],
    [new NotRocketChatError('bad gateway page', 502, ''), false],
    [new NetworkError('timeout', undefined, 'TIMEOUT'), false],
    [new NetworkError('reset', undefined, 'ECONNRESET'), false],
    [new ApiError('not found', 400, 'User not found.'), false],
  ])('%s → %s', (err, expected) => {
    expect(failsEveryRequest(err)).toBe(expected);
  });
});
