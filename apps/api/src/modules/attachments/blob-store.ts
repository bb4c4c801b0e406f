/**
 * Where attachment bytes live. The default keeps them under the data folder; an object store (S3, OSS,
 * MinIO) implements the same three calls.
 */
export interface BlobStore {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');
