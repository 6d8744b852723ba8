/**
 * Deflates a zip written without compression (ExcelJS through JSZip with `compression: 'STORE'`) with Node's
 * own zlib. JSZip deflates in JavaScript (pako): for a workbook with a records sheet of 12,000 rows that is
 * most of the time spent writing the file, and native deflate is several times faster. Each part keeps its
 * name, CRC-32, dates and attributes; only its method, compressed size and offset change.
 */
import * as zlib from 'zlib';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

/**
 * The same zip with every stored part deflated.
 * @param stored a zip of stored parts (no ZIP64, no encryption: what JSZip writes for an .xlsx)
 * @throws Error when the zip is not of that kind (a fault of kpi-forms, not of a user's file)
 */
export function deflateStoredZip(stored: Buffer): Buffer {
  const end = stored.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || stored.readUInt32LE(end) !== END) throw new Error('deflateStoredZip: no end of central directory');
  const count = stored.readUInt16LE(end + 10);
  let at = stored.readUInt32LE(end + 16);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    if (stored.readUInt32LE(at) !== CENTRAL) throw new Error('deflateStoredZip: bad central directory');
    const method = stored.readUInt16LE(at + 10);
    const size = stored.readUInt32LE(at + 24);
    const nameLen = stored.readUInt16LE(at + 28);
    const centralLen = 46 + nameLen + stored.readUInt16LE(at + 30) + stored.readUInt16LE(at + 32);
    const local = stored.readUInt32LE(at + 42);
    if (stored.readUInt32LE(local) !== LOCAL) throw new Error('deflateStoredZip: bad local header');
    const headerLen = 30 + stored.readUInt16LE(local + 26) + stored.readUInt16LE(local + 28);
    const flags = stored.readUInt16LE(at + 8);
    if (method !== 0 || flags & 0x0001) throw new Error('deflateStoredZip: a part is not stored');
    const data = stored.subarray(local + headerLen, local + headerLen + size);
    // a folder entry (no data) stays stored
    const packed = size > 0 ? zlib.deflateRawSync(data) : data;
    const header = Buffer.from(stored.subarray(local, local + headerLen));
    const central = Buffer.from(stored.subarray(at, at + centralLen));
    for (const [h, base] of [
      [header, 0],
      [central, 2],
    ] as const) {
      // bit 3 (sizes in a data descriptor after the data) cleared: the sizes are in the headers
      if (size > 0) h.writeUInt16LE(20, base + 4); // version needed: 2.0, deflate
      h.writeUInt16LE(flags & ~0x0008, base + 6);
      h.writeUInt16LE(size > 0 ? 8 : 0, base + 8);
      h.writeUInt32LE(stored.readUInt32LE(at + 16), base + 14);
      h.writeUInt32LE(packed.length, base + 18);
      h.writeUInt32LE(size, base + 22);
    }
    central.writeUInt32LE(offset, 42);
    locals.push(header, packed);
    centrals.push(central);
    offset += header.length + packed.length;
    at += centralLen;
  }
  const dir = Buffer.concat(centrals);
  const eocd = Buffer.from(stored.subarray(end, end + 22));
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  eocd.writeUInt16LE(0, 20); // no comment
  return Buffer.concat([...locals, dir, eocd]);
}
