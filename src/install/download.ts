// Downloads one build through the transport (mirrors, retries, resume, sha256 while writing),
// with failures told the way the install stage tells them.

import { fetchFile, type FileResult, type ProgressSink } from '../transport/index.js';
import { rethrow, type HttpContext } from './http.js';

export interface DownloadRequest {
  /** The same file on each mirror, in the order to try them. */
  urls: string[];
  dest: string;
  label: string;
  expectedSha256?: string;
  /** Where the expected hash came from, for the mismatch message. */
  checksumSource?: string;
  ctx: HttpContext;
  progress?: ProgressSink;
  log?: (message: string) => void;
}

export type DownloadResult = FileResult;

export async function download(req: DownloadRequest): Promise<DownloadResult> {
  const { ctx, log, ...file } = req;
  try {
    const r = await fetchFile(file, ctx);
    if (r.skipped > 0) log?.(`Downloaded ${req.label} from ${r.url} after ${r.skipped} mirror(s) failed.`);
    return r;
  } catch (e) {
    rethrow(e, { download: req.label });
  }
}
