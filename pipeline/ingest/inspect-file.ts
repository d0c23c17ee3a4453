/**
 * One streaming pass over a file's bytes: its sha256 (a file loaded before is skipped whatever its
 * name), its line count (to prove that the fast reader's row positions are line numbers), whether
 * the whole file is valid UTF-8, what could mislead a line-oriented reader (NUL bytes, carriage
 * returns that end no line), and the first bytes, from which the header is read.
 */
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export type Encoding = "utf-8" | "gb18030";

export interface FileFacts {
  sha256: string;
  bytes: number;
  /** Physical lines, counting a last line without a line break. */
  lines: number;
  /** `\n` (also for CRLF), or `\r` for a file whose lines end in a carriage return alone (old Mac). */
  lineBreak: "\n" | "\r";
  /** The first bytes (up to SAMPLE_BYTES), for the header. */
  head: Buffer;
  /** UTF-8 when every byte of the file is valid UTF-8; otherwise it can only be GB18030 (checked when decoded). */
  encoding: Encoding;
  hasBom: boolean;
  /** A UTF-16 byte order mark: Excel's "Unicode text", which the inbox does not take. */
  isUtf16: boolean;
  hasNul: boolean;
  /** Carriage returns not followed by a line feed (in a CRLF or LF file: inside a line). */
  bareCarriageReturns: number;
}

const SAMPLE_BYTES = 256 * 1024;
const LF = 0x0a;
const CR = 0x0d;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Validates UTF-8 across chunk boundaries: an incomplete character at a chunk's end waits for the next. */
class Utf8Check {
  valid = true;
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    if (!this.valid) return;
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const complete = completeLength(bytes);
    this.valid = isUtf8(bytes.subarray(0, complete));
    this.carry = bytes.subarray(complete);
  }

  finish(): boolean {
    if (this.carry.length > 0) this.valid = false;
    return this.valid;
  }
}

/** The length of `bytes` without an incomplete multi-byte character at its end. */
function completeLength(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

export async function inspectFile(path: string): Promise<FileFacts> {
  const hash = createHash("sha256");
  const utf8 = new Utf8Check();
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let bytes = 0;
  let lineFeeds = 0;
  let carriageReturns = 0;
  let bareCarriageReturns = 0;
  let hasNul = false;
  let lastByte = -1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    utf8.push(chunk);
    // a carriage return that ended the previous chunk ends a line only if this one starts with a line feed
    if (lastByte === CR && chunk[0] !== LF) bareCarriageReturns++;
    bytes += chunk.length;
    // GBK trail bytes are 0x40–0xFE, so a 0x0A or 0x0D byte is a line break in either encoding.
    for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) lineFeeds++;
    for (let at = chunk.indexOf(CR); at !== -1; at = chunk.indexOf(CR, at + 1)) {
      carriageReturns++;
      if (at + 1 < chunk.length && chunk[at + 1] !== LF) bareCarriageReturns++;
    }
    hasNul ||= chunk.includes(0);
    lastByte = chunk[chunk.length - 1] ?? lastByte;
    if (headLength < SAMPLE_BYTES) {
      const part = chunk.subarray(0, SAMPLE_BYTES - headLength);
      headChunks.push(part);
      headLength += part.length;
    }
  }
  if (lastByte === CR) bareCarriageReturns++;
  const head = Buffer.concat(headChunks);
  const hasBom = head.subarray(0, 3).equals(UTF8_BOM);
  // Lines end where most of them end: a file of carriage returns alone is an old Mac export.
  const lineBreak = bareCarriageReturns > lineFeeds ? "\r" : "\n";
  const breaks = lineBreak === "\r" ? carriageReturns : lineFeeds;
  const endsWithBreak = lastByte === (lineBreak === "\r" ? CR : LF);
  return {
    sha256: hash.digest("hex"),
    bytes,
    lines: breaks + (bytes > 0 && !endsWithBreak ? 1 : 0),
    lineBreak,
    head,
    encoding: utf8.finish() ? "utf-8" : "gb18030",
    hasBom,
    isUtf16: head[0] === 0xff && head[1] === 0xfe ? true : head[0] === 0xfe && head[1] === 0xff,
    hasNul,
    bareCarriageReturns,
  };
}
