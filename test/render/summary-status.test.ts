import { describe, expect, it } from 'vitest';
import { failureText, renderSummary } from '../../src/render/summary.js';

describe('a failed row names the HTTP status once', () => {
  it('adds the status only when the message does not already say it', () => {
    expect(
      failureText(
        "http://x did not answer GET /api/v1/users.info like Rocket.Chat's API: HTTP 200 with text/html",
        200,
      ),
    ).toBe("error: http://x did not answer GET /api/v1/users.info like Rocket.Chat's API: HTTP 200 with text/html");
    expect(failureText('Invalid search query.', 400)).toBe('error: Invalid search query. (HTTP 400)');
    expect(failureText('HTTP 2000 things', 200)).toBe('error: HTTP 2000 things (HTTP 200)');
    expect(failureText('timed out', undefined)).toBe('error: timed out');
  });

  it('in the summary table', () => {
    const out = renderSummary([{ query: 'x', error: 'the server answered HTTP 502 with text/html', status: 502 }], {
      color: false,
    });
    expect(out).toContain('error: the server answered HTTP 502 with text/html │');
    expect(out).not.toContain('(HTTP 502)');
  });
});
