// Draws media/icon.png, the extension's 128x128 icon (package.json "icon"): the clapperboard of
// media/shotlist.svg, white on a blue tile, with the shot-list lines on the board and one line in amber for
// the quote. No image tool is needed: shapes are tested per sub-pixel (4x4 samples a pixel for smooth edges)
// and the PNG bytes are written with node:zlib. Run: node scripts/make-icon.mjs [out.png]
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const out = process.argv[2] ?? new URL('../media/icon.png', import.meta.url).pathname;

const TILE = [23, 74, 134];
const TILE_DARK = [14, 52, 99];
const WHITE = [255, 255, 255];
const INK = [23, 74, 134];
const AMBER = [242, 169, 0];

function inRoundedRect(x, y, left, top, right, bottom, radius) {
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 && x >= left && x <= right && y >= top && y <= bottom;
}

/** A round-capped stroke from (x1, y) to (x2, y). */
function inStroke(x, y, x1, x2, lineY, half) {
  const cx = Math.min(Math.max(x, x1), x2);
  return (x - cx) ** 2 + (y - lineY) ** 2 <= half ** 2;
}

// The clapper stick: media/shotlist.svg's top bar scaled from 24 to 128 units, a convex quadrilateral.
const scale = SIZE / 24;
const stick = [[3.6, 8.6], [19.7, 4.3], [20.5, 7.3], [4.4, 11.6]].map(([px, py]) => [px * scale, py * scale + 6]);
function inConvex(x, y, points) {
  let sign = 0;
  for (let i = 0; i < points.length; i++) {
    const [ax, ay] = points[i];
    const [bx, by] = points[(i + 1) % points.length];
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross !== 0) {
      if (sign !== 0 && Math.sign(cross) !== sign) { return false; }
      sign = Math.sign(cross);
    }
  }
  return true;
}
/** Diagonal stripes along the stick: where along its length the point is, in sixths. */
function stickStripe(x, y) {
  const [[ax, ay], [bx, by]] = stick;
  const length = Math.hypot(bx - ax, by - ay);
  const along = ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length;
  const across = ((x - ax) * -(by - ay) + (y - ay) * (bx - ax)) / length;
  return Math.floor((along + across * 0.6) / (length / 7)) % 2 === 1;
}

/** The colour at a sub-pixel, or null outside the tile (transparent). */
function colourAt(x, y) {
  if (!inRoundedRect(x, y, 0, 0, SIZE, SIZE, 26)) { return null; }
  if (inConvex(x, y, stick)) { return stickStripe(x, y) ? TILE_DARK : WHITE; }
  if (inRoundedRect(x, y, 18, 66, 110, 112, 9)) {
    if (inStroke(x, y, 34, 44, 82, 4) || inStroke(x, y, 56, 94, 82, 4) || inStroke(x, y, 34, 44, 97, 4)) { return INK; }
    if (inStroke(x, y, 56, 82, 97, 4)) { return AMBER; }
    return WHITE;
  }
  // A soft vertical gradient on the tile.
  const t = y / SIZE;
  return TILE.map((c, i) => Math.round(c * (1 - t * 0.35) + TILE_DARK[i] * t * 0.35));
}

const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
for (let py = 0; py < SIZE; py++) {
  const rowStart = py * (1 + SIZE * 4);
  rows[rowStart] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, covered = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const colour = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (colour) { r += colour[0]; g += colour[1]; b += colour[2]; covered++; }
      }
    }
    const at = rowStart + 1 + px * 4;
    if (covered > 0) {
      rows[at] = Math.round(r / covered);
      rows[at + 1] = Math.round(g / covered);
      rows[at + 2] = Math.round(b / covered);
    }
    rows[at + 3] = Math.round((covered / (SAMPLES * SAMPLES)) * 255);
  }
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([length, typed, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bits per channel
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(out, png);
console.log(`wrote ${out} (${SIZE}x${SIZE}, ${png.length} bytes)`);
