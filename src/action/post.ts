// The Action's post step as the runner starts it (dist/post.js); runPost() lives in
// post-step.ts, importable without running it.
import * as core from '@actions/core';
import { runPost } from './post-step.js';

runPost().catch((error: unknown) => core.warning(`post: ${error instanceof Error ? error.message : String(error)}`));
