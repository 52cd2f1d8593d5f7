// The attachment allow-list: a file is accepted only when its extension is allowed and its
// bytes look like that kind of file (magic bytes; for Office files the zip also holds the
// document's folder; for text, no NUL bytes unless it starts with a UTF-16 byte order mark).

interface FileKind {
  contentType: string;
  magic?: Buffer;
  /** a name that must appear in the zip (Office Open XML part folder) */
  zipMarker?: Buffer;
  text?: boolean;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const jpeg: FileKind = { contentType: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) };

const kinds: Record<string, FileKind> = {
  pdf: { contentType: 'application/pdf', magic: Buffer.from('%PDF-') },
  png: { contentType: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: jpeg,
  jpeg,
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP, zipMarker: Buffer.from('word/') },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP, zipMarker: Buffer.from('xl/') },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: ZIP, zipMarker: Buffer.from('ppt/') },
  txt: { contentType: 'text/plain; charset=utf-8', text: true },
  csv: { contentType: 'text/csv; charset=utf-8', text: true },
};

export const allowedExtensions = Object.keys(kinds);

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

const HEAD_BYTES = 8;
const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];

/** Watches a file's bytes go by and says at the end whether they match the extension's kind. */
export class ContentCheck {
  readonly contentType: string;
  private head = Buffer.alloc(0);
  private carry = Buffer.alloc(0);
  private sawNul = false;
  private sawMarker = false;

  constructor(private readonly kind: FileKind) {
    this.contentType = kind.contentType;
  }

  /** The check for a filename's extension, or null when the extension is not allowed. */
  static forFilename(filename: string): ContentCheck | null {
    const kind = kinds[extensionOf(filename)];
    return kind ? new ContentCheck(kind) : null;
  }

  push(chunk: Buffer): void {
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    if (this.kind.text && !this.sawNul) this.sawNul = chunk.includes(0);
    const marker = this.kind.zipMarker;
    if (marker && !this.sawMarker) {
      // keep the end of the previous chunk so a name split across chunks is still found
      const window = Buffer.concat([this.carry, chunk]);
      this.sawMarker = window.includes(marker);
      this.carry = window.subarray(Math.max(0, window.length - marker.length + 1));
    }
  }

  matches(): boolean {
    if (this.kind.magic && !this.head.subarray(0, this.kind.magic.length).equals(this.kind.magic)) return false;
    if (this.kind.zipMarker && !this.sawMarker) return false;
    if (this.kind.text && this.sawNul) return UTF16_BOMS.some((bom) => this.head.subarray(0, 2).equals(bom));
    return true;
  }
}
