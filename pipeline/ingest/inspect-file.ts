/**
 * One streaming pass over a file's bytes: its sha256 (a file loaded before is skipped whatever its
 * name), its line count (to prove that the fast reader's row positions are line numbers), and the
 * first bytes, from which the encoding and the header are read.
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
  /** The first bytes (up to SAMPLE_BYTES), for the encoding and the header. */
  head: Buffer;
  encoding: Encoding;
  hasBom: boolean;
}

const SAMPLE_BYTES = 256 * 1024;
const LF = 0x0a;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function inspectFile(path: string): Promise<FileFacts> {
  const hash = createHash("sha256");
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let bytes = 0;
  let lineBreaks = 0;
  let lastByte = -1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    // GBK trail bytes are 0x40–0xFE, so a 0x0A byte is a line break in either encoding.
    for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) lineBreaks++;
    lastByte = chunk[chunk.length - 1] ?? lastByte;
    if (headLength < SAMPLE_BYTES) {
      const part = chunk.subarray(0, SAMPLE_BYTES - headLength);
      headChunks.push(part);
      headLength += part.length;
    }
  }
  const head = Buffer.concat(headChunks);
  const hasBom = head.subarray(0, 3).equals(UTF8_BOM);
  return {
    sha256: hash.digest("hex"),
    bytes,
    lines: lineBreaks + (bytes > 0 && lastByte !== LF ? 1 : 0),
    head,
    encoding: hasBom || looksUtf8(head, head.length < SAMPLE_BYTES) ? "utf-8" : "gb18030",
    hasBom,
  };
}

/**
 * Valid UTF-8, allowing the sample to end inside a multi-byte character. Chinese text in GBK is
 * almost never valid UTF-8, and the header alone is Chinese, so the first bytes decide.
 */
function looksUtf8(sample: Buffer, complete: boolean): boolean {
  if (complete) return isUtf8(sample);
  for (let cut = 0; cut <= 3 && cut < sample.length; cut++) {
    if (isUtf8(sample.subarray(0, sample.length - cut))) return true;
  }
  return false;
}
