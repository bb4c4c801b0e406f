import { beijingShortTime } from '@grid/domain';
import type { AppConfig } from '../../config/app-config';
import { UndeliverableError } from '../outbox/outbox.types';
import type { NotificationAdapter, OutgoingNotification } from './notification-channel';

type WechatSettings = NonNullable<AppConfig['notify']['wechat']>;

/** WeChat's answers that say the access token is spent: fetch a new one and try again. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** The resident unfollowed the account or refused its messages: never try again. */
const REFUSED = new Set([43004, 43101]);

/**
 * A WeChat service account's template message (模板消息) to the resident's openid: the account's access token
 * (`/cgi-bin/token`, kept until shortly before it expires), then `/cgi-bin/message/template/send` with the template id
 * of the notice kind (NOTIFY_WECHAT_TEMPLATES) and its fields: first (the message), keyword1 (case code), keyword2
 * (promised time), remark; tapping it opens the tracking page.
 */
export class WechatTemplateAdapter implements NotificationAdapter {
  readonly name = 'wechat-template';
  private token: { value: string; until: number } | null = null;

  constructor(
    private readonly settings: WechatSettings,
    private readonly timeoutMs: number,
  ) {}

  async send(n: OutgoingNotification): Promise<void> {
    const token = await this.accessToken();
    const promised = n.message.params['promised'] ?? '';
    const answer = await this.call(`/cgi-bin/message/template/send?access_token=${encodeURIComponent(token)}`, {
      touser: n.contact,
      template_id: this.settings.templates[n.kind] ?? n.message.templateCode,
      url: n.link,
      data: {
        first: { value: n.message.text },
        keyword1: { value: n.message.params['code'] ?? '' },
        keyword2: { value: promised },
        remark: { value: `发送时间 ${beijingShortTime(new Date().toISOString())}` },
      },
    });
    if (answer.errcode === 0 || answer.errcode === undefined) return;
    if (TOKEN_ERRORS.has(answer.errcode)) this.token = null;
    if (REFUSED.has(answer.errcode)) throw new UndeliverableError(`WeChat refused for good: errcode ${answer.errcode}`);
    throw new Error(`WeChat answered errcode ${answer.errcode}`);
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: this.settings.appId, secret: this.settings.appSecret });
    const answer = await this.call(`/cgi-bin/token?${query.toString()}`);
    if (!answer.access_token) throw new Error(`WeChat gave no access token: errcode ${answer.errcode ?? 'none'}`);
    // Tokens live expires_in seconds (7200); renew five minutes early.
    this.token = { value: answer.access_token, until: Date.now() + Math.max(60, (answer.expires_in ?? 7200) - 300) * 1000 };
    return this.token.value;
  }

  private async call(pathAndQuery: string, body?: object): Promise<{ errcode?: number; access_token?: string; expires_in?: number }> {
    const response = await fetch(`${this.settings.api}${pathAndQuery}`, {
      method: body ? 'POST' : 'GET',
      headers: body ? { 'Content-Type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) {
      await response.arrayBuffer();
      throw new Error(`WeChat answered HTTP ${response.status}`);
    }
    return (await response.json()) as { errcode?: number; access_token?: string; expires_in?: number };
  }
}
