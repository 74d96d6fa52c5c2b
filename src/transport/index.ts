// The transport stage: HTTP(S) on undici, through the proxies a given environment names. It
// imports nothing else of this project, so any stage (or another project) can use it as it is.

export { TransportError, errnoCode, errorText, type FailureKind } from './errors.js';
export { isLoopbackHost, proxyFor } from './proxy.js';
export { DEFAULT_RETRY, fetchText, type FetchOptions, type RetryPolicy, type TextResult } from './http.js';
export { NO_PROGRESS, fetchFile, type FileRequest, type FileResult, type ProgressSink } from './file.js';
