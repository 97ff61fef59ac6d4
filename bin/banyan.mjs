#!/usr/bin/env node
// Runs Banyan's TypeScript sources through tsx's loader (no build step for the server).
import { register } from 'tsx/esm/api';

register();
await import('../apps/server/src/main.ts');
