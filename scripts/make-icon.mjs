#!/usr/bin/env node
// Draws resources/icons/icon.png (1024×1024): a white "G" on a rounded blue square. Pure Node
// (zlib), no image dependency. electron-builder derives the Windows .ico and macOS .icns from it.
//   node scripts/make-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const BLUE = [0, 0, 145]; // bleu France #000091
const WHITE = [255, 255, 255];
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons', 'icon.png');

/** Coverage (0..1) of the shape at a sample point, in units where the icon spans 0..1. */
function background(x, y) {
  const margin = 0.06;
  const radius = 0.2;
  const lo = margin + radius;
  const hi = 1 - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return Math.hypot(dx, dy) <= radius;
}

function letterG(x, y) {
  const cx = 0.5;
  const cy = 0.5;
  const r = Math.hypot(x - cx, y - cy);
  const outer = 0.3;
  const inner = 0.19;
  const angle = Math.atan2(-(y - cy), x - cx); // counter-clockwise from east, y up
  // The ring, open on the right between -10° and +40°.
  const ring = r <= outer && r >= inner && !(angle > -0.17 && angle < 0.7);
  // The bar of the G: from the centre to the ring, just below the axis.
  const bar = y >= cy - 0.005 && y <= cy + 0.105 && x >= cx && x <= cx + outer;
  const stem = x >= cx + inner && x <= cx + outer && y >= cy && y <= cy + 0.2 && r <= outer;
  return ring || (bar && r <= outer) || stem;
}

const SS = 3; // supersampling per axis
const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let py = 0; py < SIZE; py++) {
  const row = py * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    let bg = 0;
    let fg = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = (px + (sx + 0.5) / SS) / SIZE;
        const y = (py + (sy + 0.5) / SS) / SIZE;
        if (background(x, y)) {
          bg++;
          if (letterG(x, y)) fg++;
        }
      }
    }
    const n = SS * SS;
    const alpha = bg / n;
    const white = bg ? fg / bg : 0;
    const i = row + 1 + px * 4;
    for (let c = 0; c < 3; c++) raw[i + c] = Math.round(BLUE[c] * (1 - white) + WHITE[c] * white);
    raw[i + 3] = Math.round(alpha * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`Icône écrite : ${out} (${png.length} octets)`);
