/** Names of what main leaves in the step state for post. */
export const STATE = {
  mainPid: 'main-pid',
  cache: 'blender-cache',
} as const;
