/**
 * Writes the add-in icons assets/icon-{16,32,64,80}.png (the manifest's ribbon and add-in icons):
 * a white "K" on a rounded square in the Fluent brand blue, anti-aliased by 4×4 supersampling.
 * Plain PNG (RGBA, 8 bit) written with zlib; no image library needed. Run: npx tsx scripts/make-icons.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

export const ICON_SIZES = [16, 32, 64, 80] as const;
export const ASSETS_DIR = path.join(__dirname, '..', 'assets');

const BRAND: [number, number, number] = [0x0f, 0x6c, 0xbd];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Encodes RGBA pixels (row-major, 4 bytes each) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage of the background (rounded square) and of the "K" at a point in [0,1]². */
function shape(x: number, y: number): { bg: boolean; k: boolean } {
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  const bg = Math.hypot(x - cx, y - cy) <= r;
  const stem = x >= 0.27 && x <= 0.41 && y >= 0.18 && y <= 0.82;
  const upper = segDist(x, y, 0.4, 0.56, 0.75, 0.2) <= 0.07;
  const lower = segDist(x, y, 0.48, 0.46, 0.77, 0.81) <= 0.07;
  const inside = y >= 0.18 && y <= 0.82;
  return { bg, k: bg && (stem || ((upper || lower) && inside)) };
}

export function iconPng(size: number): Buffer {
  const ss = 4;
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let k = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const s = shape((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          if (s.bg) bg++;
          if (s.k) k++;
        }
      }
      const n = ss * ss;
      const white = bg ? k / bg : 0;
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(BRAND[c] * (1 - white) + 255 * white);
      px[o + 3] = Math.round((255 * bg) / n);
    }
  }
  return encodePng(size, size, px);
}

if (require.main === module) {
  fs.mkdirSync(ASSETS_DIR, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = path.join(ASSETS_DIR, `icon-${size}.png`);
    fs.writeFileSync(file, iconPng(size));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
