// Reads the committed icon files back: PNG through pngjs, the ICO and ICNS containers by their headers.
import { PNG } from 'pngjs';

export interface Image {
  width: number;
  height: number;
  /** RGBA, row by row from the top. */
  rgba: Buffer;
}

export function readPng(data: Buffer): Image {
  const png = PNG.sync.read(data);
  return { width: png.width, height: png.height, rgba: png.data };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isPng = (data: Buffer) => data.subarray(0, 8).equals(PNG_SIGNATURE);

/** Reads a 32-bit BMP as ICO stores it (BITMAPINFOHEADER, height doubled for the AND mask, rows bottom-up). */
function readIcoBmp(data: Buffer, size: number): Image {
  const headerSize = data.readUInt32LE(0);
  const width = data.readInt32LE(4);
  const height = data.readInt32LE(8) / 2;
  const bitCount = data.readUInt16LE(14);
  if (headerSize !== 40) throw new Error(`BMP header of ${headerSize} bytes, not 40`);
  if (bitCount !== 32) throw new Error(`${bitCount}-bit BMP, not 32-bit`);
  if (width !== size || height !== size) {
    throw new Error(`BMP of ${width}×${height} listed as ${size}×${size}`);
  }
  const maskRow = Math.ceil(width / 32) * 4;
  const needed = 40 + width * height * 4 + maskRow * height;
  if (data.length < needed) throw new Error(`BMP of ${data.length} bytes, needs ${needed}`);
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = 40 + ((height - 1 - y) * width + x) * 4;
      const to = (y * width + x) * 4;
      rgba[to] = data[from + 2]!;
      rgba[to + 1] = data[from + 1]!;
      rgba[to + 2] = data[from]!;
      rgba[to + 3] = data[from + 3]!;
    }
  }
  return { width, height, rgba };
}

/** An .ico file's images, each checked against its directory entry. */
export function readIco(file: Buffer): Image[] {
  if (file.readUInt16LE(0) !== 0 || file.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = file.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + 16 * i;
    const size = file[entry] || 256;
    const height = file[entry + 1] || 256;
    if (size !== height) throw new Error(`entry ${i} is ${size}×${height}, not square`);
    const length = file.readUInt32LE(entry + 8);
    const offset = file.readUInt32LE(entry + 12);
    if (offset + length > file.length) throw new Error(`entry ${i} runs past the end of the file`);
    const data = file.subarray(offset, offset + length);
    const image = isPng(data) ? readPng(data) : readIcoBmp(data, size);
    if (image.width !== size || image.height !== size) {
      throw new Error(`entry ${i} says ${size} px but holds ${image.width}×${image.height}`);
    }
    return image;
  });
}

/** The pixel size each ICNS type holds (Apple's iconutil types; @2x types hold twice the points). */
export const ICNS_TYPE_SIZES: Record<string, number> = {
  icp4: 16,
  icp5: 32,
  icp6: 64,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024,
  ic11: 32,
  ic12: 64,
  ic13: 256,
  ic14: 512,
};

/** An .icns file's PNG images by type, each checked against the size its type stands for. */
export function readIcns(file: Buffer): Map<string, Image> {
  if (file.toString('latin1', 0, 4) !== 'icns') throw new Error('not an ICNS file');
  if (file.readUInt32BE(4) !== file.length) throw new Error('ICNS length does not match the file');
  const images = new Map<string, Image>();
  for (let at = 8; at < file.length;) {
    const type = file.toString('latin1', at, at + 4);
    const length = file.readUInt32BE(at + 4);
    if (length < 8 || at + length > file.length) throw new Error(`ICNS entry ${type} is cut short`);
    const expected = ICNS_TYPE_SIZES[type];
    if (expected === undefined) throw new Error(`unexpected ICNS entry type ${type}`);
    const image = readPng(file.subarray(at + 8, at + length));
    if (image.width !== expected || image.height !== expected) {
      throw new Error(
        `ICNS ${type} should be ${expected} px, holds ${image.width}×${image.height}`,
      );
    }
    images.set(type, image);
    at += length;
  }
  return images;
}

/** Share of pixels that are not fully transparent (a blank icon has none). */
export function coverage(image: Image): number {
  let drawn = 0;
  for (let i = 3; i < image.rgba.length; i += 4) if (image.rgba[i]! > 0) drawn++;
  return drawn / (image.width * image.height);
}

/** A macOS template image is black and alpha only: any colour in a drawn pixel breaks the tinting. */
export function isTemplateImage(image: Image): boolean {
  for (let i = 0; i < image.rgba.length; i += 4) {
    if (image.rgba[i + 3]! > 0 && (image.rgba[i] || image.rgba[i + 1] || image.rgba[i + 2])) {
      return false;
    }
  }
  return true;
}
