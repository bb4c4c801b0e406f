import { Logger } from '@nestjs/common';
import { residentMessageOf } from '@grid/domain';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UndeliverableError } from '../outbox/outbox.types';
import { ConsoleNotificationAdapter } from './console.adapter';
import type { OutgoingNotification } from './notification-channel';
import { SmsGatewayAdapter } from './sms-gateway.adapter';
import { WechatTemplateAdapter } from './wechat-template.adapter';

/** A local HTTP server answering each request with the next of `answers` (status, JSON body); records the requests. */
async function fakeServer(answers: [number, object][]): Promise<{ url: string; requests: { url: string; body: string }[]; close: () => Promise<void> }> {
  const requests: { url: string; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', body });
      const [status, json] = answers.shift() ?? [200, {}];
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const notification = (contact: string): OutgoingNotification => ({
  messageId: 'm-1',
  kind: 'accepted',
  contact,
  link: 'https://gov.example/track/abc',
  message: residentMessageOf('accepted', { caseCode: 'HK20261207-0042', link: 'https://gov.example/track/abc', promisedAt: '2026-12-08T09:30:00.000Z', text: null }),
});

describe('notification adapters', () => {
  it('SMS gateway: posts the template, params, signed text and message id with the token; a 500 throws to be retried', async () => {
    const gateway = await fakeServer([[500, {}], [200, { ok: true }]]);
    const sms = new SmsGatewayAdapter({ url: `${gateway.url}/send`, token: 'tok', sign: '恒口示范区', templates: { accepted: 'SMS_480001' } }, 2_000);
    await expect(sms.send(notification('13812345678'))).rejects.toThrow('HTTP 500');
    await sms.send(notification('13812345678'));
    const sent = JSON.parse(gateway.requests[1].body);
    expect(sent).toMatchObject({ messageId: 'm-1', phone: '13812345678', templateCode: 'SMS_480001', params: { code: 'HK20261207-0042', promised: '12月08日17:30' } });
    expect(sent.text).toMatch(/^【恒口示范区】您反映的问题/);
    await gateway.close();
  });

  it('WeChat: fetches a token once, sends the template message; a spent token is dropped, an unfollowed resident never retried', async () => {
    const wx = await fakeServer([
      [200, { access_token: 'T1', expires_in: 7200 }],
      [200, { errcode: 0 }],
      [200, { errcode: 40001, errmsg: 'invalid credential' }],
      [200, { access_token: 'T2', expires_in: 7200 }],
      [200, { errcode: 0 }],
      [200, { errcode: 43004, errmsg: 'require subscribe' }],
    ]);
    const adapter = new WechatTemplateAdapter({ appId: 'wxapp', appSecret: 's3cret', api: wx.url, templates: { accepted: 'TPL-ACCEPTED' } }, 2_000);
    await adapter.send(notification('oOPENID0001'));
    expect(wx.requests[0].url).toBe('/cgi-bin/token?grant_type=client_credential&appid=wxapp&secret=s3cret');
    expect(wx.requests[1].url).toBe('/cgi-bin/message/template/send?access_token=T1');
    expect(JSON.parse(wx.requests[1].body)).toMatchObject({ touser: 'oOPENID0001', template_id: 'TPL-ACCEPTED', url: 'https://gov.example/track/abc', data: { keyword1: { value: 'HK20261207-0042' } } });
    await expect(adapter.send(notification('oOPENID0001'))).rejects.toThrow('errcode 40001');
    await adapter.send(notification('oOPENID0001'));
    expect(wx.requests[4].url).toBe('/cgi-bin/message/template/send?access_token=T2');
    await expect(adapter.send(notification('oOPENID0001'))).rejects.toBeInstanceOf(UndeliverableError);
    await wx.close();
  });

  it('console: logs the text with the contact masked, never the number', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    await new ConsoleNotificationAdapter('sms').send(notification('13812345678'));
    const line = String(log.mock.calls[0][0]);
    expect(line).toContain('138****5678');
    expect(line).not.toContain('13812345678');
    log.mockRestore();
  });
});
