// One import point for stores: the client accessor and its error types.
export { host } from './index';
export { CANCELLED, HostError } from './host-client';
