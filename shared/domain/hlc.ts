/**
 * Hybrid logical clock (DESIGN.md § Sync): (wall time ms, counter, node), encoded as a string that
 * sorts in causal order: `000001764239283000-0000-node`.
 */
export interface Hlc {
  millis: number;
  counter: number;
  node: string;
}

const MILLIS_WIDTH = 15;
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 0xffff;

export function encodeHlc(h: Hlc): string {
  return `${String(h.millis).padStart(MILLIS_WIDTH, '0')}-${h.counter
    .toString(16)
    .padStart(COUNTER_WIDTH, '0')}-${h.node}`;
}

export function decodeHlc(text: string): Hlc {
  const m = /^(\d{15})-([0-9a-f]{4})-(.+)$/.exec(text);
  if (!m) throw new Error(`Horloge invalide : ${text}`);
  return { millis: Number(m[1]), counter: parseInt(m[2]!, 16), node: m[3]! };
}

/** Next clock value for a local event. */
export function tickHlc(last: Hlc, now: number): Hlc {
  if (now > last.millis) return { millis: now, counter: 0, node: last.node };
  if (last.counter >= MAX_COUNTER) return { millis: last.millis + 1, counter: 0, node: last.node };
  return { millis: last.millis, counter: last.counter + 1, node: last.node };
}

/** Clock after receiving a remote value (keeps local node). */
export function receiveHlc(local: Hlc, remote: Hlc, now: number): Hlc {
  const millis = Math.max(local.millis, remote.millis, now);
  let counter: number;
  if (millis === local.millis && millis === remote.millis) counter = Math.max(local.counter, remote.counter) + 1;
  else if (millis === local.millis) counter = local.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { millis: millis + 1, counter: 0, node: local.node };
  return { millis, counter, node: local.node };
}
