import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NotifiedAlert {
  readonly status: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/** One webhook notification as Alertmanager sent it. */
export interface Notification {
  readonly receiver: string;
  readonly status: string;
  readonly alerts: readonly NotifiedAlert[];
  /** Milliseconds since the epoch when it arrived. */
  readonly at: number;
}

const MAX_BODY = 4 * 1024 * 1024;

/** A loopback webhook receiver standing in for every receiver of the routing. */
export class WebhookSink {
  readonly notifications: Notification[] = [];
  private server?: Server;

  async start(): Promise<number> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
        if (body.length > MAX_BODY) request.destroy();
      });
      request.on('end', () => {
        try {
          const payload = JSON.parse(body) as { receiver: string; status: string; alerts: NotifiedAlert[] };
          this.notifications.push({ receiver: payload.receiver, status: payload.status, alerts: payload.alerts, at: Date.now() });
          response.writeHead(200).end();
        } catch {
          response.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
