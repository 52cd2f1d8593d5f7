// Streams one uploaded file into the file store under a tenant-prefixed key while hashing it
// and checking its bytes, so a file is never held in memory; a refused file leaves nothing behind.
import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../../platform/http/errors.ts';
import type { FileStore } from '../../platform/storage/file-store.ts';
import { newId } from '../../platform/ids.ts';
import { allowedExtensions, ContentCheck } from './file-types.ts';

export interface ReceivedFile {
  id: string;
  storageKey: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

const MAX_NAME = 255;

/** The name as the user knew it: no folders, no control characters, at most 255 characters with the extension kept. */
export function cleanFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const name = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name.length <= MAX_NAME) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, MAX_NAME - ext.length) + ext;
}

const readableSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`);

async function drain(stream: Readable): Promise<void> {
  stream.resume();
  await new Promise<void>((resolve, reject) => stream.once('end', resolve).once('error', reject));
}

export async function receiveFile(files: FileStore, tenantId: string, opts: { filename: string; stream: Readable; truncated: () => boolean; maxBytes: number }): Promise<ReceivedFile> {
  const filename = cleanFilename(opts.filename);
  const check = ContentCheck.forFilename(filename);
  if (!filename || !check) {
    await drain(opts.stream);
    throw new AppError('unsupported_media_type', `Only these file types can be attached: ${allowedExtensions.join(', ')}.`, { filename });
  }
  const id = newId();
  const storageKey = `${tenantId}/attachments/${id}`;
  const hash = crypto.createHash('sha256');
  let sizeBytes = 0;
  const inspect = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      check.push(chunk);
      done(null, chunk);
    },
  });
  await files.put(storageKey, opts.stream.pipe(inspect));
  const refuse = async (err: AppError) => {
    await files.remove(storageKey);
    return err;
  };
  if (opts.truncated()) throw await refuse(new AppError('payload_too_large', `The file is larger than the ${readableSize(opts.maxBytes)} limit. Compress or split it and try again.`, { maxBytes: opts.maxBytes }));
  if (sizeBytes === 0) throw await refuse(new AppError('validation_failed', 'The file is empty. Choose the file again.', { filename }));
  if (!check.matches()) throw await refuse(new AppError('unsupported_media_type', `The content of ${filename} does not match its .${filename.split('.').pop()} extension. Save it in that format and try again.`, { filename }));
  return { id, storageKey, filename, contentType: check.contentType, sizeBytes, sha256: hash.digest('hex') };
}
