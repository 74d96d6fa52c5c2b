// The Action's main step as the runner starts it (dist/main.js); run() lives in run.ts, where
// tests can call it in-process.
import * as core from '@actions/core';
import { run } from './run.js';

run().catch((error: unknown) => core.setFailed(error instanceof Error ? error.message : String(error)));
