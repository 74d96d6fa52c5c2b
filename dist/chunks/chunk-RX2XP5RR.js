import { createRequire as __bhCreateRequire } from 'node:module'; const require = __bhCreateRequire(import.meta.url);

// src/action/state.ts
var STATE = {
  tagPrefix: "tag-prefix",
  cache: "blender-cache",
  packages: "python-packages-cache"
};

export {
  STATE
};
