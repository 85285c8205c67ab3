import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeoutSignal } from '../../src/api/timeout-signal.js';

describe('TimeoutSignal', () => {
  afterEach(() => vi.useRealTimers());

  it('aborts after its time with a TimeoutError, calling each listener once', () => {
    vi.useFakeTimers();
    const s = new TimeoutSignal(1000);
    const a = vi.fn();
    const b = vi.fn();
    s.once('abort', a);
    s.on('abort', b);
    vi.advanceTimersByTime(999);
    expect(s.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(s.aborted).toBe(true);
    expect((s.reason as DOMException).name).toBe('TimeoutError');
    vi.advanceTimersByTime(5000);
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([1, 1]);
  });

  it('a removed listener and a cleared signal are never called', () => {
    vi.useFakeTimers();
    const s = new TimeoutSignal(10);
    const a = vi.fn();
    s.on('abort', a);
    s.removeListener('abort', a);
    vi.advanceTimersByTime(10);
    expect(a).not.toHaveBeenCalled();
    const t = new TimeoutSignal(10);
    const c = vi.fn();
    t.on('abort', c);
    t.clear();
    vi.advanceTimersByTime(100);
    expect(c).not.toHaveBeenCalled();
    expect(t.aborted).toBe(false);
  });
});
