// The transport stage: HTTP(S) on undici, through the proxies a given environment names. It
// imports nothing else of this project, so any stage (or another project) can use it as it is.

export { TransportError, NODE_EXTRA_CA_ADVICE, errnoCode, errorText, type FailureKind } from './errors.js';
export { proxyFor, isLoopbackHost, type Env, type ProxyRoute } from './proxy.js';
export {
  DEFAULT_RETRY,
  backoffDelay,
  detectChallenge,
  fetchText,
  parseRetryAfter,
  type FetchOptions,
  type RetryPolicy,
  type TextResult,
} from './http.js';
export { NO_PROGRESS, fetchFile, type FileRequest, type FileResult, type ProgressSink } from './file.js';
