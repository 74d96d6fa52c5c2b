import { createRequire as __bhCreateRequire } from 'node:module'; const require = __bhCreateRequire(import.meta.url);

// src/action/state.ts
var STATE = {
  mainPid: "main-pid",
  cache: "blender-cache"
};

export {
  STATE
};
