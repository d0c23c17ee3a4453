/**
 * A minimal OLE compound file (CFB version 3), the container of an old `.xls` and of a
 * password-protected `.xlsx` (streams `EncryptionInfo` and `EncryptedPackage`). Each stream is
 * padded to 4 KB so that it lives in regular sectors, with no mini stream.
 */
const SECTOR = 512;
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const FAT_SECTOR = 0xfffffffd;
const NO_STREAM = 0xffffffff;

export function compoundFile(streams: Record<string, Buffer>): Buffer {
  const entries = Object.entries(streams).map(([name, data]) => ({
    name,
    data: Buffer.concat([data, Buffer.alloc(Math.max(0, 4096 - data.length))]),
  }));
  if (entries.length > 3) throw new Error("compoundFile: at most three streams (one directory sector)");
  // sector 0: the FAT; sector 1: the directory; then each stream's sectors in turn
  const fat = new Array<number>(SECTOR / 4).fill(FREE);
  fat[0] = FAT_SECTOR;
  fat[1] = END_OF_CHAIN;
  let next = 2;
  const starts = entries.map((entry) => {
    const start = next;
    const count = Math.ceil(entry.data.length / SECTOR);
    for (let index = 0; index < count; index++)
      fat[start + index] = index === count - 1 ? END_OF_CHAIN : start + index + 1;
    next += count;
    return start;
  });
  if (next > SECTOR / 4) throw new Error("compoundFile: streams too large for one FAT sector");

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32); // 64-byte mini sectors
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // the directory starts at sector 1
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(END_OF_CHAIN, 60); // no mini FAT
  header.writeUInt32LE(END_OF_CHAIN, 68); // no DIFAT sectors
  for (let index = 0; index < 109; index++) header.writeUInt32LE(index === 0 ? 0 : FREE, 76 + index * 4);

  const fatSector = Buffer.alloc(SECTOR);
  fat.forEach((value, index) => {
    fatSector.writeUInt32LE(value >>> 0, index * 4);
  });

  const directory = Buffer.alloc(SECTOR);
  const writeEntry = (
    index: number,
    name: string,
    type: number,
    child: number,
    right: number,
    start: number,
    size: number,
  ) => {
    const at = index * 128;
    const encoded = Buffer.from(`${name}\0`, "utf16le");
    encoded.copy(directory, at);
    directory.writeUInt16LE(encoded.length, at + 64);
    directory.writeUInt8(type, at + 66);
    directory.writeUInt8(1, at + 67); // black
    directory.writeUInt32LE(NO_STREAM, at + 68); // left sibling
    directory.writeUInt32LE(right, at + 72);
    directory.writeUInt32LE(child, at + 76);
    directory.writeUInt32LE(start, at + 116);
    directory.writeUInt32LE(size, at + 120);
  };
  writeEntry(0, "Root Entry", 5, entries.length > 0 ? 1 : NO_STREAM, NO_STREAM, END_OF_CHAIN, 0);
  // siblings as a chain of right links, which is a valid (if unbalanced) red-black tree when ordered
  const ordered = entries
    .map((entry, index) => ({ ...entry, index, start: starts[index]! }))
    .sort((a, b) => a.name.length - b.name.length || (a.name.toUpperCase() < b.name.toUpperCase() ? -1 : 1));
  ordered.forEach((entry, position) => {
    const right = position + 1 < ordered.length ? position + 2 : NO_STREAM;
    writeEntry(position + 1, entry.name, 2, NO_STREAM, right, entry.start, entry.data.length);
  });
  return Buffer.concat([header, fatSector, directory, ...entries.map((entry) => entry.data)]);
}
