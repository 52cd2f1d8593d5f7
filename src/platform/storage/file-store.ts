// Attachment bytes live behind one interface; the local-disk store is the default and an
// object-storage store can implement the same three calls.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

export interface FileStore {
  put(key: string, body: Readable): Promise<void>;
  get(key: string): Readable;
  remove(key: string): Promise<void>;
}

export class DiskFileStore implements FileStore {
  constructor(private readonly root: string) {}
  private pathOf(key: string) {
    if (!/^[A-Za-z0-9/_.-]+$/.test(key) || key.includes('..')) throw new Error(`bad storage key ${key}`);
    return path.join(this.root, key);
  }
  async put(key: string, body: Readable) {
    const file = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await pipeline(body, fs.createWriteStream(file));
  }
  get(key: string) {
    return fs.createReadStream(this.pathOf(key));
  }
  async remove(key: string) {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }
}
