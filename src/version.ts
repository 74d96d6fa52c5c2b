// The package's version, from package.json, so the CLI, the User-Agent and the npm release can
// never disagree. esbuild inlines it into dist/.
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
