/**
 * Checks that a `.xlsx` file is a whole, readable workbook before exceljs reads it. exceljs' streaming
 * reader never settles on a zip that ends early (it waits for a worksheet entry that never finishes),
 * so a file copied halfway, an encrypted workbook, an old `.xls` or a web page saved as `.xlsx` must
 * be recognised here, each with a reason an operator can act on. The zip is read from its central
 * directory: every entry must lie where its local header says, one after another as a streaming
 * reader meets them, and inflate to its recorded size and CRC-32.
 */

import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable, pipeline as streamPipeline } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32, createInflateRaw } from "node:zlib";

const resave = "请在 Excel 中打开后另存为 .xlsx 或 .csv";

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
}

class Unreadable extends Error {}

const signatures = {
  localHeader: 0x04034b50,
  centralHeader: 0x02014b50,
  end: 0x06054b50,
  end64: 0x06064b50,
  end64Locator: 0x07064b50,
  dataDescriptor: 0x08074b50,
};

/** One part of the workbook's zip, where its data lies in the file. */
export interface XlsxPart {
  name: string;
  method: number;
  offset: number;
  compressedSize: number;
}

/** Opens `path` for positioned reads for the length of `use`. */
async function withReader<T>(path: string, use: (read: Reader, size: number) => Promise<T>): Promise<T> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    // offsets come from the file itself: one past its end reads nothing rather than failing
    const read = async (position: number, length: number): Promise<Buffer> => {
      const available = Math.min(length, size - position);
      if (!(position >= 0 && available > 0)) return Buffer.alloc(0);
      const buffer = Buffer.alloc(available);
      const { bytesRead } = await file.read(buffer, 0, available, position);
      return buffer.subarray(0, bytesRead);
    };
    return await use(read, size);
  } finally {
    await file.close();
  }
}

/**
 * The parts of a workbook that xlsxContainerProblem found whole, from its central directory. They
 * are read from there, each when it is needed, rather than in the order the zip stores them:
 * exceljs' streaming pass over a zip whose worksheets come before its shared strings (Excel's own
 * order) drops the parts after the first worksheet in about one read in a hundred (exceljs#3064).
 */
export async function xlsxParts(path: string): Promise<XlsxPart[]> {
  return withReader(path, async (read, size) => {
    const { entries } = await centralDirectory(read, size);
    const parts: XlsxPart[] = [];
    for (const entry of entries) {
      const { name, method, compressedSize } = entry;
      parts.push({ name, method, compressedSize, offset: await dataOffset(read, entry) });
    }
    return parts;
  });
}

/**
 * A part's content, inflated, as UTF-8 text (the parts exceljs reads are XML). Decoded here, across
 * chunk boundaries: exceljs decodes each chunk on its own, which splits a character that straddles
 * two chunks into two replacement marks (评价器 read as ��价器).
 */
export function xlsxPartStream(path: string, part: XlsxPart): Readable {
  if (part.compressedSize === 0) return Readable.from([]);
  const stored = storedBytes(path, part);
  // destroying the inflated stream (a reader that stops early) closes the file as well
  const content = part.method === 8 ? streamPipeline(stored, createInflateRaw(), () => {}) : stored;
  return content.setEncoding("utf8");
}

/** A part's bytes as the zip stores them (compressed or not); the part must not be empty. */
const storedBytes = (path: string, part: XlsxPart): Readable =>
  createReadStream(path, {
    start: part.offset,
    end: part.offset + part.compressedSize - 1,
    highWaterMark: 1 << 20,
  });

/** Null when the file is a readable workbook; otherwise why it cannot be read, in Chinese. */
export async function xlsxContainerProblem(path: string): Promise<string | null> {
  return withReader(path, async (read, size) => {
    if (size === 0) return "文件为空";
    const start = await read(0, Math.min(size, 4096));
    const foreign = foreignFormat(start);
    if (foreign === "cfb") return (await isEncryptedPackage(path)) ? encryptedReason : xlsReason;
    if (foreign) return foreign;
    try {
      const { entries, directoryOffset } = await centralDirectory(read, size);
      const names = new Set(entries.map((entry) => entry.name));
      if (!names.has("xl/workbook.xml") || !entries.some((entry) => worksheetEntry.test(entry.name))) {
        return `压缩包中没有 Excel 工作表，不是 xlsx 文件：${resave}`;
      }
      await checkLayout(read, entries, directoryOffset);
      for (const entry of entries) await checkContent(path, entry, await dataOffset(read, entry));
      return null;
    } catch (error) {
      if (error instanceof Unreadable) return error.message;
      throw error;
    }
  });
}

export const worksheetEntry = /^xl\/worksheets\/sheet(\d+)\.xml$/;

const encryptedReason = "文件设置了打开密码（已加密），无法读取：请在 Excel 中取消密码后重新保存";
const xlsReason = `这是旧版 Excel 97-2003 工作簿（.xls），只是扩展名为 .xlsx：${resave}`;

/** What the first bytes say the file is when it is not a zip: "cfb" for an OLE compound file. */
function foreignFormat(start: Buffer): string | "cfb" | null {
  const signature = start.length >= 4 ? start.readUInt32LE(0) : 0;
  if (signature === signatures.localHeader || signature === signatures.end) return null;
  if (start.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    return "cfb";
  const text = start.toString("latin1").replace(/^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, "");
  if (/^[\s\0]*</.test(text)) {
    return `这是网页（HTML）或 XML 格式的文件，只是扩展名为 .xlsx（一些系统的“导出 Excel”导出的是网页）：${resave}`;
  }
  return `不是 Excel 工作簿（.xlsx 文件应是 zip 压缩格式），可能是改了扩展名的其他文件：${resave}`;
}

/**
 * A password-protected .xlsx is an OLE compound file holding an `EncryptedPackage` stream; an old
 * .xls is one holding a `Workbook` stream. Stream names are UTF-16 in the file's directory.
 */
async function isEncryptedPackage(path: string): Promise<boolean> {
  const name = Buffer.from("EncryptedPackage", "utf16le");
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const window = Buffer.concat([carry, chunk]);
    if (window.includes(name)) return true;
    carry = window.subarray(Math.max(0, window.length - name.length + 1));
  }
  return false;
}

type Reader = (position: number, length: number) => Promise<Buffer>;

const truncated = () =>
  new Unreadable(
    "xlsx 文件不完整（末尾缺少压缩包目录），可能在复制、下载或导出时被截断：请重新导出或重新复制该文件",
  );
const corrupt = (detail: string) =>
  new Unreadable(`xlsx 文件已损坏（${detail}）：请在 Excel 中打开后另存，或重新导出`);

/** The entries of the zip's central directory, found from the end-of-central-directory record. */
async function centralDirectory(
  read: Reader,
  size: number,
): Promise<{ entries: ZipEntry[]; directoryOffset: number }> {
  const tailStart = Math.max(0, size - (22 + 0xffff));
  const tail = await read(tailStart, size - tailStart);
  let endAt = -1;
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tail.readUInt32LE(at) === signatures.end && at + 22 + tail.readUInt16LE(at + 20) <= tail.length) {
      endAt = at;
      break;
    }
  }
  if (endAt === -1) throw truncated();
  let count = tail.readUInt16LE(endAt + 10);
  let directorySize = tail.readUInt32LE(endAt + 12);
  let directoryOffset = tail.readUInt32LE(endAt + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locatorAt = endAt - 20;
    if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== signatures.end64Locator) throw truncated();
    const end64 = await read(Number(tail.readBigUInt64LE(locatorAt + 8)), 56);
    if (end64.length < 56 || end64.readUInt32LE(0) !== signatures.end64) throw corrupt("ZIP64 目录记录无效");
    count = Number(end64.readBigUInt64LE(32));
    directorySize = Number(end64.readBigUInt64LE(40));
    directoryOffset = Number(end64.readBigUInt64LE(48));
  }
  if (directoryOffset + directorySize > size) throw truncated();
  const directory = await read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let index = 0; index < count; index++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== signatures.centralHeader) {
      throw corrupt("压缩包目录无效");
    }
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: directory.toString("utf8", at + 46, at + 46 + nameLength),
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      headerOffset: directory.readUInt32LE(at + 42),
    };
    applyZip64Extra(entry, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    if (entry.flags & 0x1) throw new Unreadable(encryptedReason);
    if (entry.method !== 0 && entry.method !== 8) throw corrupt(`${entry.name} 使用了不支持的压缩方式`);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length === 0) throw corrupt("压缩包是空的");
  // a streaming reader meets the entries in the order they lie in the file
  entries.sort((a, b) => a.headerOffset - b.headerOffset);
  if (entries.at(-1)!.headerOffset >= directoryOffset) throw corrupt("压缩包目录无效");
  return { entries, directoryOffset };
}

/** Sizes and offsets too large for 32 bits are in the ZIP64 extra field, in this order. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + length) throw corrupt("ZIP64 扩展字段无效");
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.headerOffset === 0xffffffff) entry.headerOffset = next();
    }
    at += 4 + length;
  }
}

/**
 * Where an entry's data begins. A streaming reader trusts the local header, not the directory, so
 * the two must agree: name, method and (unless a data descriptor follows the data) CRC and sizes.
 */
async function dataOffset(read: Reader, entry: ZipEntry): Promise<number> {
  const header = await read(entry.headerOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== signatures.localHeader) {
    throw corrupt(`${entry.name} 的位置与目录不符`);
  }
  const nameLength = header.readUInt16LE(26);
  const name = (await read(entry.headerOffset + 30, nameLength)).toString("utf8");
  const sizesFollow = (header.readUInt16LE(6) & 0x8) !== 0;
  const agrees = (field: number, value: number) => field === value || field === 0xffffffff;
  if (
    name !== entry.name ||
    header.readUInt16LE(8) !== entry.method ||
    (!sizesFollow &&
      (header.readUInt32LE(14) !== entry.crc ||
        !agrees(header.readUInt32LE(18), entry.compressedSize) ||
        !agrees(header.readUInt32LE(22), entry.size)))
  ) {
    throw corrupt(`${entry.name} 的文件头与目录不符`);
  }
  return entry.headerOffset + 30 + nameLength + header.readUInt16LE(28);
}

/** Entries must follow one another from the first byte to the central directory, with nothing between. */
async function checkLayout(read: Reader, entries: ZipEntry[], directoryOffset: number): Promise<void> {
  let expected = 0;
  for (const entry of entries) {
    if (entry.headerOffset !== expected) throw corrupt(`${entry.name} 的位置与目录不符`);
    expected = (await dataOffset(read, entry)) + entry.compressedSize;
    if (entry.flags & 0x8) expected += await descriptorLength(read, entry, expected);
  }
  if (expected !== directoryOffset) throw corrupt("压缩包中有无法识别的内容");
}

/**
 * The data descriptor after an entry's data (CRC and sizes, with or without its signature, 32 or 64
 * bits), which a streaming reader takes for the entry's: it must agree with the directory.
 */
async function descriptorLength(read: Reader, entry: ZipEntry, at: number): Promise<number> {
  const bytes = await read(at, 28);
  const signed = bytes.length >= 4 && bytes.readUInt32LE(0) === signatures.dataDescriptor ? 4 : 0;
  const short = bytes.length >= signed + 12 && bytes.readUInt32LE(signed) === entry.crc;
  if (
    short &&
    bytes.readUInt32LE(signed + 4) === entry.compressedSize &&
    bytes.readUInt32LE(signed + 8) === entry.size
  ) {
    return signed + 12;
  }
  if (
    short &&
    bytes.length >= signed + 20 &&
    Number(bytes.readBigUInt64LE(signed + 4)) === entry.compressedSize &&
    Number(bytes.readBigUInt64LE(signed + 12)) === entry.size
  ) {
    return signed + 20;
  }
  throw corrupt(`${entry.name} 的数据描述与目录不符`);
}

/** Inflates one entry and compares its length and CRC-32 with the directory's. */
async function checkContent(path: string, entry: ZipEntry, offset: number): Promise<void> {
  let crc = 0;
  let size = 0;
  const count = async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      if (size > entry.size) throw corrupt(`${entry.name} 的长度与目录不符`);
    }
  };
  if (entry.compressedSize > 0) {
    const compressed = storedBytes(path, { ...entry, offset });
    try {
      if (entry.method === 8) await pipeline(compressed, createInflateRaw(), count);
      else await pipeline(compressed, count);
    } catch (error) {
      if (error instanceof Unreadable) throw error;
      throw corrupt(`${entry.name} 无法解压`);
    }
  }
  if (size !== entry.size || crc !== entry.crc) throw corrupt(`${entry.name} 的校验和不符`);
}
