import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, 2 passes), the OWASP baseline. */
@Injectable()
export class PasswordHasher {
  /** A real hash of a random string, verified against when the username does not exist (equal timing). */
  private dummyHash: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(hashed: string | null, password: string): Promise<boolean> {
    if (!hashed) {
      this.dummyHash ??= hash(`no-such-user-${Math.random()}`);
      await verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return verify(hashed, password).catch(() => false);
  }
}
