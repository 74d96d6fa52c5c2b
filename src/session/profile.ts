import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway Blender user profile: config, scripts (where add-ons are installed) and
 * extensions live here, so a run never reads or writes the author's real preferences.
 * Restarted sessions of one run share it, so add-ons are installed once and enabled again.
 */
export class Profile {
  readonly root: string;

  constructor(parent = tmpdir()) {
    this.root = mkdtempSync(join(parent, 'blender-harness-'));
    for (const sub of [
      'config',
      'scripts/addons',
      'datafiles',
      'extensions',
      'xdg/cache',
      'xdg/config',
      'xdg/data',
      'xdg/state',
      'tmp',
      'logs',
    ]) {
      mkdirSync(join(this.root, sub), { recursive: true });
    }
  }

  get logsDir(): string {
    return join(this.root, 'logs');
  }

  /** Environment variables that point Blender at this profile instead of the user's. */
  environment(): Record<string, string> {
    return {
      BLENDER_USER_CONFIG: join(this.root, 'config'),
      BLENDER_USER_SCRIPTS: join(this.root, 'scripts'),
      BLENDER_USER_DATAFILES: join(this.root, 'datafiles'),
      BLENDER_USER_EXTENSIONS: join(this.root, 'extensions'),
      // Blender and the libraries it loads write elsewhere in the user's home too: thumbnails
      // under ~/.cache, PulseAudio's client state under ~/.config (seen with 5.2).
      XDG_CACHE_HOME: join(this.root, 'xdg/cache'),
      XDG_CONFIG_HOME: join(this.root, 'xdg/config'),
      XDG_DATA_HOME: join(this.root, 'xdg/data'),
      XDG_STATE_HOME: join(this.root, 'xdg/state'),
      // An interactive Blender saves quit.blend (session recovery) in the temp folder.
      TMPDIR: join(this.root, 'tmp'),
    };
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
