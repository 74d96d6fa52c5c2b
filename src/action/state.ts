/** Names of what main leaves in the step state for post. */
export const STATE = {
  tagPrefix: 'tag-prefix',
  cache: 'blender-cache',
  packages: 'python-packages-cache',
} as const;
