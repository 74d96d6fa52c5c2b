// Shared libraries Blender needs from the system on Linux, and the Debian/Ubuntu packages that
// ship them. Official builds bundle most of their dependencies but link X11, GL and a few other
// libraries from the system; slim containers (act's images, `-slim` Docker images) leave those
// out, and the dynamic loader then stops at the first one it cannot find.

/**
 * Library (soname) -> the Debian/Ubuntu package that ships it. Where a package was renamed by
 * the 64-bit time_t transition (Debian 13, Ubuntu 24.04), the new name comes first; apt is
 * asked which one exists. Covers what official Blender 2.8x-5.x Linux builds link or load,
 * and what distribution Blenders pull in through them.
 */
export const LIBRARY_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  // X11 and its protocol libraries: GHOST's X11 backend, tablets (Xi), gamma (Xxf86vm).
  'libX11.so.6': ['libx11-6'],
  'libX11-xcb.so.1': ['libx11-xcb1'],
  'libxcb.so.1': ['libxcb1'],
  'libXau.so.6': ['libxau6'],
  'libXdmcp.so.6': ['libxdmcp6'],
  'libXext.so.6': ['libxext6'],
  'libXi.so.6': ['libxi6'],
  'libXfixes.so.3': ['libxfixes3'],
  'libXrender.so.1': ['libxrender1'],
  'libXxf86vm.so.1': ['libxxf86vm1'],
  'libXinerama.so.1': ['libxinerama1'],
  'libXrandr.so.2': ['libxrandr2'],
  'libXcursor.so.1': ['libxcursor1'],
  'libXss.so.1': ['libxss1'],
  'libXt.so.6': ['libxt6'],
  'libXmu.so.6': ['libxmu6'],
  'libXv.so.1': ['libxv1'],
  'libXcomposite.so.1': ['libxcomposite1'],
  'libXdamage.so.1': ['libxdamage1'],
  'libxshmfence.so.1': ['libxshmfence1'],
  'libSM.so.6': ['libsm6'],
  'libICE.so.6': ['libice6'],
  'libxkbcommon.so.0': ['libxkbcommon0'],
  'libxkbcommon-x11.so.0': ['libxkbcommon-x11-0'],
  'libxcb-xkb.so.1': ['libxcb-xkb1'],
  'libxcb-render.so.0': ['libxcb-render0'],
  'libxcb-shm.so.0': ['libxcb-shm0'],
  'libxcb-shape.so.0': ['libxcb-shape0'],
  'libxcb-xfixes.so.0': ['libxcb-xfixes0'],
  'libxcb-randr.so.0': ['libxcb-randr0'],
  'libxcb-dri2.so.0': ['libxcb-dri2-0'],
  'libxcb-dri3.so.0': ['libxcb-dri3-0'],
  'libxcb-glx.so.0': ['libxcb-glx0'],
  'libxcb-present.so.0': ['libxcb-present0'],
  'libxcb-sync.so.1': ['libxcb-sync1'],
  // OpenGL, EGL and Vulkan (GLVND and Mesa).
  'libGL.so.1': ['libgl1'],
  'libEGL.so.1': ['libegl1'],
  'libGLX.so.0': ['libglx0'],
  'libOpenGL.so.0': ['libopengl0'],
  'libGLdispatch.so.0': ['libglvnd0'],
  'libGLU.so.1': ['libglu1-mesa'],
  'libGLESv2.so.2': ['libgles2'],
  'libgbm.so.1': ['libgbm1'],
  'libdrm.so.2': ['libdrm2'],
  'libepoxy.so.0': ['libepoxy0'],
  'libvulkan.so.1': ['libvulkan1'],
  'libOpenCL.so.1': ['ocl-icd-libopencl1'],
  // Wayland (4.x and later).
  'libwayland-client.so.0': ['libwayland-client0'],
  'libwayland-cursor.so.0': ['libwayland-cursor0'],
  'libwayland-egl.so.1': ['libwayland-egl1'],
  'libwayland-server.so.0': ['libwayland-server0'],
  'libdecor-0.so.0': ['libdecor-0-0'],
  // Fonts and images.
  'libfontconfig.so.1': ['libfontconfig1'],
  'libfreetype.so.6': ['libfreetype6'],
  'libexpat.so.1': ['libexpat1'],
  'libpng16.so.16': ['libpng16-16t64', 'libpng16-16'],
  // Compiler runtimes and base libraries that minimal images can still lack.
  'libgomp.so.1': ['libgomp1'],
  'libstdc++.so.6': ['libstdc++6'],
  'libgcc_s.so.1': ['libgcc-s1'],
  'libcrypt.so.1': ['libcrypt1'],
  'libz.so.1': ['zlib1g'],
  'libbz2.so.1.0': ['libbz2-1.0'],
  'liblzma.so.5': ['liblzma5'],
  'libzstd.so.1': ['libzstd1'],
  'libuuid.so.1': ['libuuid1'],
  'libtinfo.so.6': ['libtinfo6'],
  'libncursesw.so.6': ['libncursesw6'],
  'libxml2.so.2': ['libxml2'],
  'libssl.so.3': ['libssl3t64', 'libssl3'],
  'libcrypto.so.3': ['libssl3t64', 'libssl3'],
  'libnuma.so.1': ['libnuma1'],
  // Desktop integration.
  'libglib-2.0.so.0': ['libglib2.0-0t64', 'libglib2.0-0'],
  'libgobject-2.0.so.0': ['libglib2.0-0t64', 'libglib2.0-0'],
  'libgio-2.0.so.0': ['libglib2.0-0t64', 'libglib2.0-0'],
  'libgthread-2.0.so.0': ['libglib2.0-0t64', 'libglib2.0-0'],
  'libdbus-1.so.3': ['libdbus-1-3'],
  // Audio and input.
  'libasound.so.2': ['libasound2t64', 'libasound2'],
  'libpulse.so.0': ['libpulse0'],
  'libjack.so.0': ['libjack-jackd2-0'],
  'libSDL2-2.0.so.0': ['libsdl2-2.0-0'],
  'libopenal.so.1': ['libopenal1'],
  'libsndfile.so.1': ['libsndfile1'],
  'libspnav.so.0': ['libspnav0'],
  'libjemalloc.so.2': ['libjemalloc2'],
  // Parts of glibc itself.
  'libm.so.6': ['libc6'],
  'libdl.so.2': ['libc6'],
  'librt.so.1': ['libc6'],
  'libpthread.so.0': ['libc6'],
  'libutil.so.1': ['libc6'],
  'libresolv.so.2': ['libc6'],
  'libmvec.so.1': ['libc6'],
};

const SONAME = String.raw`([\w.+-]+?\.so(?:\.\d+)*)`;
const MISSING_PATTERNS = [
  // The loader: "blender: error while loading shared libraries: libXi.so.6: cannot open shared
  // object file: No such file or directory"; dlopen() failures read the same.
  new RegExp(`${SONAME}: cannot open shared object file`, 'g'),
  // glibc's ldd: "\tlibXi.so.6 => not found".
  new RegExp(String.raw`^\s*${SONAME} => not found`, 'gm'),
  // musl's ldd (Alpine): "Error loading shared library libXi.so.6: No such file or directory".
  new RegExp(String.raw`Error loading shared library ${SONAME}: No such file`, 'g'),
];

/** The libraries a loader or `ldd` says it could not find, in the order they appear, once each. */
export function missingLibraries(text: string): string[] {
  const found: { at: number; name: string }[] = [];
  for (const pattern of MISSING_PATTERNS) {
    for (const m of text.matchAll(pattern)) if (m[1]) found.push({ at: m.index, name: m[1] });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.name))];
}

export interface LibraryPlan {
  /** Missing libraries with a known package: `packages` are the candidate names, best first. */
  known: { library: string; packages: readonly string[] }[];
  /** Missing libraries no package is known for. */
  unknown: string[];
}

export function planLibraries(libraries: readonly string[]): LibraryPlan {
  const plan: LibraryPlan = { known: [], unknown: [] };
  for (const library of libraries) {
    const packages = LIBRARY_PACKAGES[library];
    if (packages) plan.known.push({ library, packages });
    else plan.unknown.push(library);
  }
  return plan;
}

/** The list a user reads: each missing library with its package, or how to find one. */
export function describeMissing(
  executable: string,
  chosen: readonly { library: string; pkg: string }[],
  unknown: readonly string[],
): string {
  const count = chosen.length + unknown.length;
  const width = Math.max(...[...chosen.map((c) => c.library), ...unknown].map((l) => l.length));
  return [
    `Blender (${executable}) cannot start: ${count === 1 ? 'a shared library it needs is' : `${count} shared libraries it needs are`} missing on this system:`,
    ...chosen.map((c) => `  ${c.library.padEnd(width)}  from package ${c.pkg}`),
    ...unknown.map(
      (l) =>
        `  ${l.padEnd(width)}  no package known; find it with \`apt-file search ${l}\` (after \`apt-get install apt-file && apt-file update\`)`,
    ),
  ].join('\n');
}
