/**
 * Splits delimited text into records, numbering physical lines exactly as the file has them (a
 * line ends at a line feed, or at a carriage return in an old Mac file). Quoting follows RFC 4180,
 * relaxed as exports need: a quote inside an unquoted cell is text, and text after a closing quote
 * is kept. A record that cannot be a row comes back with its problem instead of stopping the file:
 * a NUL byte, a record longer than any row, a quote still open at the end of the file. The lines
 * after an unclosed quote are read again as rows, so one stray quote costs one line, not the rest
 * of the file.
 */

export interface TextRecord {
  /** Physical line the record starts on (1-based). */
  line: number;
  /** Physical line it ends on: later than `line` when a quoted cell holds a line break. */
  lastLine: number;
  cells: string[];
  /** Why the record cannot be a row, in Chinese (its cells are then what was read of it). */
  problem?: string;
}

export interface SplitOptions {
  delimiter: string;
  /** Null for the device log, which never quotes. */
  quote: string | null;
  lineBreak: "\n" | "\r";
  /** Longer records are reported, not kept (a file of one endless line must not fill the memory). */
  maxRecordLength?: number;
}

const LF = 10;
const CR = 13;

// The splitter's states (plain numbers: the loop runs once per character of every file).
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted cell: the closing quote, or the first of a doubled one. */
const QUOTE_IN_QUOTED = 3;
type State = typeof FIELD_START | typeof UNQUOTED | typeof QUOTED | typeof QUOTE_IN_QUOTED;

export const defaultMaxRecordLength = 1 << 20;

export class RecordSplitter {
  private state: State = FIELD_START;
  private cells: string[] = [];
  private field = "";
  private length = 0;
  private line: number;
  private recordLine: number;
  private hasNul = false;
  private tooLong = false;
  /** A carriage return that ended the last text: part of a CRLF, or text (the next text decides). */
  private pendingCr = false;
  /** The open quote's line, and the text after it (undefined once longer than any record). */
  private quoteLine = 0;
  private quoted: string | undefined = "";
  private readonly delimiter: number;
  private readonly quote: number;
  private readonly lineBreak: number;
  private readonly maxRecordLength: number;

  constructor(
    private readonly options: SplitOptions,
    firstLine = 1,
  ) {
    if (options.delimiter.length !== 1)
      throw new Error(`delimiter must be one character: ${options.delimiter}`);
    this.delimiter = options.delimiter.charCodeAt(0);
    this.quote = options.quote === null ? -1 : options.quote.charCodeAt(0);
    this.lineBreak = options.lineBreak === "\r" ? CR : LF;
    this.maxRecordLength = options.maxRecordLength ?? defaultMaxRecordLength;
    this.line = firstLine;
    this.recordLine = firstLine;
  }

  /** Records completed by this piece of text, in order. */
  push(text: string): TextRecord[] {
    const records: TextRecord[] = [];
    let start = 0; // where the run of plain characters of the current field begins
    let quotedFrom = 0; // where this text's part of an open quote begins
    const take = (end: number) => {
      if (end > start) this.append(text.slice(start, end));
    };
    if (this.pendingCr) {
      this.pendingCr = false;
      if (text.charCodeAt(0) !== LF) {
        this.append("\r");
        this.state = UNQUOTED;
      }
    }
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === 0) this.hasNul = true;
      switch (this.state) {
        case FIELD_START:
        case UNQUOTED:
          if (code === this.quote && this.state === FIELD_START) {
            this.state = QUOTED;
            this.quoteLine = this.line;
            this.quoted = "";
            start = quotedFrom = at + 1;
          } else if (code === this.delimiter) {
            take(at);
            this.endField();
            start = at + 1;
          } else if (code === this.lineBreak) {
            // the carriage return of a CRLF is not text (one that ended the last text is pending)
            take(this.lineBreak === LF && at > start && text.charCodeAt(at - 1) === CR ? at - 1 : at);
            records.push(this.endRecord());
            start = at + 1;
          } else if (code === CR && this.lineBreak === LF && at === text.length - 1) {
            take(at);
            this.pendingCr = true;
            start = at + 1;
          } else {
            this.state = UNQUOTED;
          }
          break;
        case QUOTED:
          if (code === this.quote) {
            take(at);
            this.state = QUOTE_IN_QUOTED;
            start = at + 1;
          } else if (code === this.lineBreak) {
            this.line++;
          }
          break;
        case QUOTE_IN_QUOTED:
          if (code === this.quote) {
            this.append('"'); // a doubled quote is one quote
            this.state = QUOTED;
            start = at + 1;
          } else if (code === this.delimiter) {
            this.endField();
            start = at + 1;
          } else if (code === this.lineBreak) {
            records.push(this.endRecord());
            start = at + 1;
          } else if (code === CR && this.lineBreak === LF && at === text.length - 1) {
            this.state = UNQUOTED;
            this.pendingCr = true;
            start = at + 1;
          } else {
            this.state = UNQUOTED; // text after the closing quote is kept
            start = at;
          }
          break;
      }
    }
    if (this.state === QUOTED || this.state === UNQUOTED || this.state === FIELD_START) {
      take(text.length);
    }
    if (this.state === QUOTED || this.state === QUOTE_IN_QUOTED) this.keepQuoted(text, quotedFrom);
    return records;
  }

  /** The last records, when the text does not end with a line break. */
  finish(): TextRecord[] {
    if (this.pendingCr) {
      this.pendingCr = false;
      this.append("\r");
      this.state = UNQUOTED;
    }
    if (this.state === QUOTED) return this.unclosedQuote();
    if (this.state === FIELD_START && this.cells.length === 0 && this.length === 0) return [];
    return [this.endRecord()];
  }

  /**
   * A quote open at the end of the file: the record is rejected from its first line to the quote's
   * line; the lines after that are split again, without the quote. Once: every quote after an open
   * one came as a doubled pair (any other quote would have closed it), and pairs always close.
   */
  private unclosedQuote(): TextRecord[] {
    const breakChar = String.fromCharCode(this.lineBreak);
    const quoted = this.quoted;
    const lineEnd = quoted?.indexOf(breakChar) ?? -1;
    const cellEnd = this.field.indexOf(breakChar);
    const span =
      this.quoteLine > this.recordLine
        ? `第 ${this.recordLine}–${this.quoteLine} 行`
        : `第 ${this.quoteLine} 行`;
    const rejected: TextRecord = {
      line: this.recordLine,
      lastLine: this.quoteLine,
      cells: [...this.cells, (cellEnd === -1 ? this.field : this.field.slice(0, cellEnd)).replace(/\r$/, "")],
      problem: `引号未闭合：${span}的引号直到文件末尾都没有闭合（文件可能被截断，或这一格多了一个引号）`,
    };
    if (quoted === undefined || lineEnd === -1) {
      if (quoted === undefined) rejected.lastLine = this.line;
      return [rejected];
    }
    const again = new RecordSplitter(this.options, this.quoteLine + 1);
    return [rejected, ...again.push(quoted.slice(lineEnd + 1)), ...again.finish()];
  }

  private keepQuoted(text: string, from: number): void {
    if (this.quoted === undefined) return;
    this.quoted += text.slice(from);
    if (this.quoted.length > this.maxRecordLength) this.quoted = undefined;
  }

  private append(piece: string): void {
    const room = this.maxRecordLength - this.length;
    this.length += piece.length;
    if (room < piece.length) this.tooLong = true;
    if (room > 0) this.field += room < piece.length ? piece.slice(0, room) : piece;
  }

  private endField(): void {
    this.length++;
    if (this.length > this.maxRecordLength) this.tooLong = true;
    // past the limit only the first cell is kept, for the quarantine to show how the line began
    if (!this.tooLong || this.cells.length === 0) this.cells.push(this.field);
    this.field = "";
    this.state = FIELD_START;
  }

  private endRecord(): TextRecord {
    this.endField();
    const record: TextRecord = { line: this.recordLine, lastLine: this.line, cells: this.cells };
    if (this.tooLong) record.problem = `这一行超过 ${this.maxRecordLength / (1 << 20)} MB，不是数据行`;
    else if (this.hasNul) record.problem = "含有空字符（NUL），文件可能已损坏";
    this.cells = [];
    this.length = 0;
    this.tooLong = false;
    this.hasNul = false;
    this.line++;
    this.recordLine = this.line;
    return record;
  }
}

/** A record that is an empty line: no cell, nothing quoted. */
export const isBlankLine = (record: TextRecord): boolean =>
  record.cells.length === 1 && record.cells[0] === "" && record.line === record.lastLine && !record.problem;
