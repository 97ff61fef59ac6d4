#!/usr/bin/env node
import v8 from 'node:v8';
import { register } from 'tsx/esm/api';

// Full garbage collections are the longest pauses a server's chat pushes see: about 100 MB of the
// server's heap is code and module sources that never die, and V8 collected again once the old
// generation had grown ~15 % past what survived, every 7–10 s at 500 chat messages a second, each
// collection a spike of 50–100 ms for every push in flight (bench:chat with --trace-gc). Letting the
// old generation grow to twice what survived makes them about five times rarer, for ~100 MB more
// heap at peak. A --heap-growing-percent given by the operator (NODE_OPTIONS, node flags) wins.
const own = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
if (!own.some((flag) => flag.startsWith('--heap-growing-percent'))) {
  v8.setFlagsFromString('--heap-growing-percent=100');
}

// Runs Banyan's TypeScript sources through tsx's loader (no build step for the server).
register();
await import('../apps/server/src/main.ts');
