import type { NotificationChannel } from '@grid/contracts';

/** 13812345678 → 138****5678; a shorter number keeps only its last 2 digits. */
export function maskPhoneNumber(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

/** A contact as logs and screens may show it: a phone masked, a WeChat openid down to its last 4 characters. */
export function maskContact(channel: NotificationChannel, contact: string): string {
  return channel === 'sms' ? maskPhoneNumber(contact) : `wx…${contact.slice(-4)}`;
}

/** Any phone-like run of digits (7 or more, with spaces, dashes or a +) in a text (a gateway's error) masked. */
export function maskPhoneNumbersIn(text: string): string {
  return text.replace(/\+?\d[\d -]{5,}\d/g, (run) => (run.replace(/\D/g, '').length >= 7 ? maskPhoneNumber(run) : run));
}
