// Draws the app and tray icons (PNG) into resources/ and the favicon into renderer/public/.
// Run with `node scripts/make-icons.mjs` after changing the design; the outputs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size, shade) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const ss = 4;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const [r, g, b, a] = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          acc = [acc[0] + r * a, acc[1] + g * a, acc[2] + b * a, acc[3] + a];
        }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const a = acc[3] / (ss * ss);
      raw[o] = a ? Math.round(acc[0] / acc[3]) : 0;
      raw[o + 1] = a ? Math.round(acc[1] / acc[3]) : 0;
      raw[o + 2] = a ? Math.round(acc[2] / acc[3]) : 0;
      raw[o + 3] = Math.round(a * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const inRoundedSquare = (x, y, r) => {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
/** A map pin: a ring whose point is at the bottom, with a dot in the middle. */
const inPin = (x, y) => {
  const d = Math.hypot(x - 0.5, y - 0.42);
  const ring = d <= 0.24 && d >= 0.1;
  const tip = y > 0.42 && y < 0.82 && Math.abs(x - 0.5) <= (0.82 - y) * 0.55 && d >= 0.1;
  return ring || tip || d <= 0.05;
};

const green = [31, 111, 80];
const appIcon = (x, y) =>
  !inRoundedSquare(x, y, 0.2) ? [0, 0, 0, 0] : inPin(x, y) ? [255, 255, 255, 1] : [...green, 1];
// Tray icons are monochrome so the OS can tint them (macOS template images must be black + alpha).
const trayIcon = (x, y) => (inPin(x, y * 0.92 + 0.02) ? [0, 0, 0, 1] : [0, 0, 0, 0]);
const trayColour = (x, y) => (inPin(x, y * 0.92 + 0.02) ? [...green, 1] : [0, 0, 0, 0]);

mkdirSync('resources', { recursive: true });
mkdirSync('renderer/public', { recursive: true });
writeFileSync('resources/icon.png', png(512, appIcon));
writeFileSync('resources/tray.png', png(16, trayColour));
writeFileSync('resources/tray@2x.png', png(32, trayColour));
writeFileSync('resources/trayTemplate.png', png(16, trayIcon));
writeFileSync('resources/trayTemplate@2x.png', png(32, trayIcon));
writeFileSync('renderer/public/favicon.png', png(64, appIcon));
console.log('icons written');
