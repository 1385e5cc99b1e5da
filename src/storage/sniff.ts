import type { ByteSource } from './blob-store.js';

/**
 * File type from the file's own bytes; the name and the browser's Content-Type are never trusted
 * (an executable renamed `.pdf` is still an executable). Only the kinds the vault accepts are recognised.
 */
export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', extensions: ['.pdf'], previewable: true },
  png: { mime: 'image/png', extensions: ['.png'], previewable: true },
  jpeg: { mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'], previewable: true },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'], previewable: false },
} as const;
export type FileKind = keyof typeof FILE_KINDS;

const PDF = Buffer.from('%PDF-', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
/** A Word document's directory is a few KB; anything far larger is not worth reading to find out. */
const MAX_CENTRAL_DIRECTORY = 8 * 1024 * 1024;

export async function sniffFileType(src: ByteSource): Promise<FileKind | null> {
  const head = await src.read(0, 8);
  if (startsWith(head, PDF)) return 'pdf';
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (startsWith(head, ZIP_LOCAL)) {
    const names = await zipEntryNames(src);
    return names && isDocx(names) ? 'docx' : null;
  }
  return null;
}

/**
 * A Word document is a ZIP (OPC package) holding `[Content_Types].xml` and `word/document.xml`. Plain ZIPs,
 * spreadsheets (`xl/…`) and macro-enabled documents (`word/vbaProject.bin`, a .docm renamed) are not.
 */
export function isDocx(names: readonly string[]): boolean {
  const set = new Set(names);
  return set.has('[Content_Types].xml') && set.has('word/document.xml') && !names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n));
}

/**
 * Entry names from the ZIP central directory at the end of the file (ZIP64 included), or null when the
 * directory is missing, damaged or implausibly large. Reads only the tail and the directory itself.
 */
export async function zipEntryNames(src: ByteSource): Promise<string[] | null> {
  if (src.size < EOCD_MIN) return null;
  const tailStart = Math.max(0, src.size - EOCD_MIN - MAX_COMMENT);
  const tail = await src.read(tailStart, src.size);
  let eocd = -1;
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let entries = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);

  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR_SIG) return null;
    const z64At = Number(tail.readBigUInt64LE(locator + 8));
    const z64 = await src.read(z64At, z64At + 56);
    if (z64.length < 56 || z64.readUInt32LE(0) !== ZIP64_EOCD_SIG) return null;
    entries = Number(z64.readBigUInt64LE(32));
    cdSize = Number(z64.readBigUInt64LE(40));
    cdOffset = Number(z64.readBigUInt64LE(48));
  }
  if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > src.size) return null;

  const cd = await src.read(cdOffset, cdOffset + cdSize);
  const names: string[] = [];
  let p = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIG) return null;
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    if (p + 46 + nameLength > cd.length) return null;
    names.push(cd.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function startsWith(buf: Buffer, prefix: Buffer): boolean {
  return buf.length >= prefix.length && buf.subarray(0, prefix.length).equals(prefix);
}

/** A file name that is safe to show and to send back: no directories, no control characters, the right extension. */
export function safeFilename(given: string | undefined, kind: FileKind): string {
  const base = (given ?? '')
    .normalize('NFC')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .replace(/^\.+/, '');
  const name = base || 'berkas';
  const ext = FILE_KINDS[kind].extensions;
  // A PDF uploaded as "scan.exe" is downloaded as "scan.exe.pdf": the name must not lie about the content.
  const withExt = ext.some((e) => name.toLowerCase().endsWith(e)) ? name : `${name}${ext[0]}`;
  return truncateUtf8(withExt, 200, ext[0]);
}

function truncateUtf8(name: string, maxChars: number, ext: string): string {
  const chars = [...name];
  if (chars.length <= maxChars) return name;
  return chars.slice(0, maxChars - ext.length).join('') + ext;
}
