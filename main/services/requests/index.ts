/** The requests domain's public face: what other domains and the entry points may use. */
export { accountLinkFacts, decideAccountLink } from './account-link.js';
export { closeCorrection, decideRefund, decideRhythm, refundVerdictFor, remakeRefundCredits } from './decisions.js';
export { decideRadiation } from './radiation.js';
export { assignRequest, createRequest, getRequest, listRequests, readRequest, setRequestStatus, similarRequest } from './requests.js';
