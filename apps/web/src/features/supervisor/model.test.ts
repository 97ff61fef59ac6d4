import { describe, expect, it, vi } from 'vitest';
import { formatDuration, isBoardEvent, serviceLevelLevel, throttle, toPercent, waitLevel } from './model.ts';

describe('waitLevel', () => {
  it('is green below 20 s, amber below 60 s, red from 60 s', () => {
    expect(waitLevel(0)).toBe('ok');
    expect(waitLevel(19)).toBe('ok');
    expect(waitLevel(20)).toBe('warn');
    expect(waitLevel(59)).toBe('warn');
    expect(waitLevel(60)).toBe('alert');
    expect(waitLevel(3600)).toBe('alert');
  });
});

describe('serviceLevelLevel', () => {
  it('is green from 80 %, amber from 70 %, red below, none without contacts', () => {
    expect(serviceLevelLevel(null)).toBe('none');
    expect(serviceLevelLevel(1)).toBe('ok');
    expect(serviceLevelLevel(0.8)).toBe('ok');
    expect(serviceLevelLevel(0.79)).toBe('warn');
    expect(serviceLevelLevel(0.7)).toBe('warn');
    expect(serviceLevelLevel(0.69)).toBe('alert');
    expect(serviceLevelLevel(0)).toBe('alert');
  });
});

describe('toPercent', () => {
  it('rounds and clamps, keeps null', () => {
    expect(toPercent(null)).toBeNull();
    expect(toPercent(0.876)).toBe(88);
    expect(toPercent(1.2)).toBe(100);
    expect(toPercent(-0.1)).toBe(0);
  });
});

describe('formatDuration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect(formatDuration(-3)).toBe('0s');
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(3720)).toBe('1h 02m');
  });
});

describe('isBoardEvent', () => {
  it('takes routing, conversation and resync events only', () => {
    expect(isBoardEvent('routing.queued')).toBe(true);
    expect(isBoardEvent('routing.agent_state_changed')).toBe(true);
    expect(isBoardEvent('conversation.closed')).toBe(true);
    expect(isBoardEvent('resync')).toBe(true);
    expect(isBoardEvent('ready')).toBe(false);
    expect(isBoardEvent('staff.user_updated')).toBe(false);
  });
});

describe('throttle', () => {
  it('runs at once, then at most once per interval with one trailing call', () => {
    vi.useFakeTimers();
    try {
      const fn = vi.fn();
      const throttled = throttle(fn, 1000);
      throttled.call();
      expect(fn).toHaveBeenCalledTimes(1);
      throttled.call();
      throttled.call();
      throttled.call();
      expect(fn).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(999);
      expect(fn).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1);
      expect(fn).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(5000);
      expect(fn).toHaveBeenCalledTimes(2);
      throttled.call();
      expect(fn).toHaveBeenCalledTimes(3);
      throttled.call();
      throttled.cancel();
      vi.advanceTimersByTime(5000);
      expect(fn).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
