export {
  installPlan,
  isIndexUrl,
  packagesRoot,
  PackagesError,
  planPackages,
  preparePackages,
  probeBlenderPython,
  requirementSetHash,
} from './packages.js';
export type { PackagesOptions, PackagesPlan, PreparedPackages, PythonProbe } from './packages.js';
