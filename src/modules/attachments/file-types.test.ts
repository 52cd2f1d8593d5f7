import { describe, expect, it } from 'vitest';
import { ContentCheck, extensionOf } from './file-types.ts';

const check = (filename: string, ...chunks: Buffer[]) => {
  const c = ContentCheck.forFilename(filename);
  if (!c) return null;
  for (const chunk of chunks) c.push(chunk);
  return c.matches();
};

describe('attachment file types', () => {
  it('reads the extension case-insensitively and refuses names outside the allow-list', () => {
    expect(extensionOf('报价单.最终版.PDF')).toBe('pdf');
    expect(extensionOf('README')).toBe('');
    for (const name of ['setup.exe', 'macro.docm', 'archive.zip', 'page.html', 'image.svg', 'noext', 'pdf']) expect(ContentCheck.forFilename(name)).toBeNull();
  });

  it('accepts files whose first bytes match their extension', () => {
    expect(check('a.pdf', Buffer.from('%PDF-1.7\n...'))).toBe(true);
    expect(check('a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]))).toBe(true);
    expect(check('a.JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
  });

  it('refuses a renamed file: an executable called .pdf, a PDF called .png', () => {
    expect(check('a.pdf', Buffer.from('MZ\x90\x00\x03'))).toBe(false);
    expect(check('a.png', Buffer.from('%PDF-1.7'))).toBe(false);
    expect(check('a.pdf')).toBe(false);
  });

  it('needs the Office folder inside the zip, even when its name is split across chunks', () => {
    const zipStart = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    expect(check('a.docx', zipStart, Buffer.from('....[Content_Types].xml...wo'), Buffer.from('rd/document.xml'))).toBe(true);
    expect(check('a.xlsx', zipStart, Buffer.from('xl/workbook.xml'))).toBe(true);
    expect(check('a.docx', zipStart, Buffer.from('xl/workbook.xml'))).toBe(false);
    expect(check('a.pptx', zipStart, Buffer.from('evil.exe'))).toBe(false);
  });

  it('takes any text without NUL bytes (UTF-8 or GBK) and UTF-16 with a byte order mark', () => {
    expect(check('a.csv', Buffer.from('客户,金额\n瑞金医院,1200.50\n'))).toBe(true);
    expect(check('a.txt', Buffer.from([0xc4, 0xe3, 0xba, 0xc3]))).toBe(true);
    expect(check('a.txt', Buffer.from([0xff, 0xfe, 0x60, 0x4f, 0x7d, 0x59]))).toBe(true);
    expect(check('a.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00]))).toBe(false);
  });
});
