import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for each other when read out or copied from paper (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password: 12 characters from a 55-symbol alphabet (about 69 bits), to be changed at first sign-in. */
export function oneTimePassword(length = 12): string {
  let password = '';
  for (let i = 0; i < length; i++) password += ALPHABET[randomInt(ALPHABET.length)];
  return password;
}
