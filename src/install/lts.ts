// The one place that says which Blender lines are LTS (long-term support).
//
// Blender announces LTS lines on https://www.blender.org/download/lts/ ; a line is LTS from its
// first release on, so the list only grows. When a new LTS line ships, add it here (and nowhere
// else): `lts` resolves to the newest line in this list that has a build for the platform, and
// then to that line's newest patch. Callers can pass their own list (`ltsLines` option) to try a
// line before this file is updated.
//
// Not here on purpose: the end-of-support dates. `lts` means "the newest LTS line", which is the
// one still supported, so the dates never change what it resolves to.

export const LTS_LINES: readonly string[] = Object.freeze([
  '2.83',
  '2.93',
  '3.3',
  '3.6',
  '4.2',
  '4.5',
]);
