/** Sessions of the desk, shared by both transports (Electron windows, web host cookies). */
export { DeskSession, SessionRegistry, systemCaller, type Caller, type SessionOptions } from './sessions.js';
export { authorize, type CallContext } from './authorize.js';
