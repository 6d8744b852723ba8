/**
 * The zip container of an .xlsx: its central directory and where an entry's stored bytes are (the checks and
 * their messages are package.ts's).
 */

/** An entry of the zip's central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
export const SIG_LOCAL = 0x04034b50;

/** The central directory's entries; null when the file has no (readable) directory. */
export function readDirectory(buf: Buffer): Map<string, ZipEntry> | null {
  // the end-of-central-directory record is the last 22 bytes, before a comment of up to 65535 bytes
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) === SIG_EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  let cdEnd = eocd;
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === SIG_EOCD64_LOCATOR) {
    const z64 = Number(buf.readBigUInt64LE(eocd - 12));
    if (z64 + 56 > buf.length || buf.readUInt32LE(z64) !== SIG_EOCD64) return null;
    count = Number(buf.readBigUInt64LE(z64 + 32));
    cdSize = Number(buf.readBigUInt64LE(z64 + 40));
    cdOffset = Number(buf.readBigUInt64LE(z64 + 48));
    cdEnd = z64;
  }
  // bytes before the zip (a self-extracting stub) shift every offset; JSZip allows for them, so do we
  const shift = Math.max(0, cdEnd - (cdOffset + cdSize));
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset + shift;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen > buf.length) return null;
    const e: ZipEntry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen).replace(/^\//, ''),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    };
    // zip64: sizes and offset marked 0xffffffff are in the extra field 0x0001, in this order
    const extra = buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
    for (let x = 0; x + 4 <= extra.length; x += 4 + extra.readUInt16LE(x + 2)) {
      if (extra.readUInt16LE(x) !== 0x0001) continue;
      let q = x + 4;
      const next = () => {
        const v = q + 8 <= extra.length ? Number(extra.readBigUInt64LE(q)) : NaN;
        q += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localOffset === 0xffffffff) e.localOffset = next();
    }
    e.localOffset += shift;
    entries.set(e.name, e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Where an entry's stored (compressed) bytes start, after its local header; -1 when the local header is not
 * where the directory says or the data would run past the end of the file.
 */
export function dataStart(buf: Buffer, e: ZipEntry): number {
  const lo = e.localOffset;
  if (lo + 30 > buf.length || buf.readUInt32LE(lo) !== SIG_LOCAL) return -1;
  const start = lo + 30 + buf.readUInt16LE(lo + 26) + buf.readUInt16LE(lo + 28);
  return start + e.compressedSize > buf.length ? -1 : start;
}
