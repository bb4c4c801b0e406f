import type { AppConfig } from '../../config/app-config';
import type { NotificationAdapter, OutgoingNotification } from './notification-channel';

type SmsSettings = NonNullable<AppConfig['notify']['sms']>;

/**
 * An SMS gateway reached over HTTP (the district's SMS platform, or a cloud provider's behind a small proxy): a JSON
 * POST `{messageId, phone, sign, templateCode, params, text}` with the token as a bearer; any 2xx accepts it. The
 * template code per notice kind comes from NOTIFY_SMS_TEMPLATES (registered with the provider), the zh-CN text is sent
 * beside it for gateways that take free text. `messageId` lets the gateway drop a repeat after a crash mid-send.
 */
export class SmsGatewayAdapter implements NotificationAdapter {
  readonly name = 'sms-gateway';

  constructor(
    private readonly settings: SmsSettings,
    private readonly timeoutMs: number,
  ) {}

  async send(n: OutgoingNotification): Promise<void> {
    const body = JSON.stringify({
      messageId: n.messageId,
      phone: n.contact,
      sign: this.settings.sign,
      templateCode: this.settings.templates[n.kind] ?? n.message.templateCode,
      params: n.message.params,
      text: `【${this.settings.sign}】${n.message.text}`,
    });
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.settings.token) headers['Authorization'] = `Bearer ${this.settings.token}`;
    const response = await fetch(this.settings.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`SMS gateway answered HTTP ${response.status}`);
  }
}
