import { inflateRawSync } from 'node:zlib';
import { DatasetError } from './errors.ts';

/**
 * Extracts one member of a zip archive held in memory (stored or deflated entries; the
 * publishers' archives are a few MB). Enough for COW's and ATOP's zips, which nest a zip in a zip.
 */
export function unzipEntry(zip: Buffer, name: string, label: string): Buffer {
  const eocdSig = 0x06054b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--)
    if (zip.readUInt32LE(i) === eocdSig) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new DatasetError(`${label}: not a zip archive (no end-of-central-directory record)`);
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let k = 0; k < entries; k++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new DatasetError(`${label}: corrupt zip central directory`);
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28),
      extraLen = zip.readUInt16LE(p + 30),
      commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entryName = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    names.push(entryName);
    if (entryName === name || entryName.endsWith(`/${name}`)) {
      const lNameLen = zip.readUInt16LE(local + 26),
        lExtraLen = zip.readUInt16LE(local + 28);
      const start = local + 30 + lNameLen + lExtraLen;
      const data = zip.subarray(start, start + compressed);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new DatasetError(
        `${label}: ${name} uses zip compression method ${method}, which is not supported`,
      );
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new DatasetError(`${label}: no ${name} in the archive (it has ${names.slice(0, 10).join(', ')})`);
}
