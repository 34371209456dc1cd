// Draws the app and tray icons into resources/ (PNG, ICO, ICNS) and the favicon into renderer/public/.
// Run with `npm run icons` after changing the design; the outputs are committed, so packaging
// never converts an icon (electron-builder would download a converter to do it).
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

/** Renders `shade` (x, y in 0..1 → [r, g, b, alpha 0..1]) at size × size, 4×4 supersampled, as RGBA. */
function render(size, shade) {
  const rgba = Buffer.alloc(size * size * 4);
  const ss = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const [r, g, b, a] = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          acc = [acc[0] + r * a, acc[1] + g * a, acc[2] + b * a, acc[3] + a];
        }
      const o = (y * size + x) * 4;
      const a = acc[3] / (ss * ss);
      rgba[o] = a ? Math.round(acc[0] / acc[3]) : 0;
      rgba[o + 1] = a ? Math.round(acc[1] / acc[3]) : 0;
      rgba[o + 2] = a ? Math.round(acc[2] / acc[3]) : 0;
      rgba[o + 3] = Math.round(a * 255);
    }
  }
  return rgba;
}

function encodePng(size, rgba) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
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

/**
 * An ICO image as a 32-bit BMP (BITMAPINFOHEADER, bottom-up BGRA rows, then the 1-bit AND mask):
 * the form every Windows version and NSIS read. Only the 256 px image is stored as PNG.
 */
function encodeIcoBmp(size, rgba) {
  const maskRow = Math.ceil(size / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(maskRow * size);
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y;
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const o = (row * size + x) * 4;
      pixels[o] = rgba[i + 2];
      pixels[o + 1] = rgba[i + 1];
      pixels[o + 2] = rgba[i];
      pixels[o + 3] = rgba[i + 3];
      if (rgba[i + 3] === 0) mask[row * maskRow + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

/** ICONDIR + one ICONDIRENTRY per image, then the images. */
function ico(sizes, shade) {
  const images = sizes.map((size) => {
    const rgba = render(size, shade);
    return { size, data: size >= 256 ? encodePng(size, rgba) : encodeIcoBmp(size, rgba) };
  });
  const dir = Buffer.alloc(6 + 16 * images.length);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2);
  dir.writeUInt16LE(images.length, 4);
  let offset = dir.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    dir[e] = size >= 256 ? 0 : size;
    dir[e + 1] = size >= 256 ? 0 : size;
    dir.writeUInt16LE(1, e + 4);
    dir.writeUInt16LE(32, e + 6);
    dir.writeUInt32LE(data.length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([dir, ...images.map((image) => image.data)]);
}

/** The ICNS types Apple's iconutil writes for an .iconset, each holding a PNG of `size` px. */
const ICNS_TYPES = [
  ['icp4', 16],
  ['ic11', 32], // 16@2x
  ['icp5', 32],
  ['ic12', 64], // 32@2x
  ['icp6', 64],
  ['ic07', 128],
  ['ic13', 256], // 128@2x
  ['ic08', 256],
  ['ic14', 512], // 256@2x
  ['ic09', 512],
  ['ic10', 1024], // 512@2x
];

function icns(shade) {
  const pngs = new Map();
  const entries = ICNS_TYPES.map(([type, size]) => {
    if (!pngs.has(size)) pngs.set(size, encodePng(size, render(size, shade)));
    const data = pngs.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const png = (size, shade) => encodePng(size, render(size, shade));

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
// macOS draws no plate of its own: Apple's grid puts the rounded square 100 px inside a 1024 px canvas.
const macInset = 100 / 1024;
const macIcon = (x, y) =>
  appIcon((x - macInset) / (1 - 2 * macInset), (y - macInset) / (1 - 2 * macInset));
// Tray icons: a green pin for Windows and Linux; macOS tints a black "template" image (black + alpha only).
const trayIcon = (x, y) => (inPin(x, y * 0.92 + 0.02) ? [0, 0, 0, 1] : [0, 0, 0, 0]);
const trayColour = (x, y) => (inPin(x, y * 0.92 + 0.02) ? [...green, 1] : [0, 0, 0, 0]);

const WIN_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256];
const LINUX_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512];
const WIN_TRAY_SIZES = [16, 20, 24, 32, 40, 48];

mkdirSync('resources/icons', { recursive: true });
mkdirSync('renderer/public', { recursive: true });
writeFileSync('resources/icon.png', png(1024, appIcon));
writeFileSync('resources/icon.ico', ico(WIN_ICON_SIZES, appIcon));
writeFileSync('resources/icon.icns', icns(macIcon));
for (const size of LINUX_ICON_SIZES)
  writeFileSync(`resources/icons/${size}x${size}.png`, png(size, appIcon));
writeFileSync('resources/tray.ico', ico(WIN_TRAY_SIZES, trayColour));
writeFileSync('resources/tray.png', png(24, trayColour));
writeFileSync('resources/tray@2x.png', png(48, trayColour));
writeFileSync('resources/trayTemplate.png', png(16, trayIcon));
writeFileSync('resources/trayTemplate@2x.png', png(32, trayIcon));
writeFileSync('renderer/public/favicon.png', png(64, appIcon));
console.log('icons written');
