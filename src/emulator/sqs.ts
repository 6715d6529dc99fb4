// A small SQS-compatible queue service (AWS JSON 1.0 protocol: ReceiveMessage, DeleteMessage, SendMessage,
// GetQueueAttributes), with SigV4 signatures verified. Generic on purpose: anything in the emulator that
// delivers to an SQS destination (client secret rotation, later SP-API notifications) enqueues here.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import aws4 from 'aws4';
import type { Clock } from './types.js';

export const SQS_ACCOUNT = '000000000000';
export const SQS_REGION = 'us-east-1';
/** Path prefix of queue URLs: <base>/sqs/<account>/<name>. */
export const SQS_PREFIX = '/sqs/';

interface Message {
  id: string;
  body: string;
  md5: string;
  /** Invisible until (epoch ms) after a receive. */
  invisibleUntil: number;
  receiptHandle?: string;
  receiveCount: number;
}

interface Queue {
  name: string;
  messages: Message[];
  visibilityTimeoutMs: number;
}

interface SqsReply {
  status: number;
  body: Record<string, unknown>;
}

function fault(status: number, type: string, message: string): SqsReply {
  return { status, body: { __type: type, message } };
}

export class SqsQueues {
  readonly #queues = new Map<string, Queue>();
  readonly #keys = new Map<string, string>();

  constructor(
    private readonly clock: Clock,
    private readonly base: () => string,
  ) {}

  /** An AWS access key allowed to use the queues (the emulator's stand-in for IAM). */
  registerKey(accessKeyId: string, secretAccessKey: string): void {
    this.#keys.set(accessKeyId, secretAccessKey);
  }

  createQueue(name: string, visibilityTimeoutSeconds = 30): string {
    if (!this.#queues.has(name)) this.#queues.set(name, { name, messages: [], visibilityTimeoutMs: visibilityTimeoutSeconds * 1000 });
    return this.urlOf(name);
  }

  urlOf(name: string): string {
    return `${this.base()}${SQS_PREFIX}${SQS_ACCOUNT}/${name}`;
  }

  /** Enqueues a message body; returns its id. */
  send(queueUrlOrName: string, body: string): string {
    const q = this.#queue(queueUrlOrName);
    if (!q) throw new Error(`No such queue ${queueUrlOrName}`);
    const id = randomUUID();
    q.messages.push({ id, body, md5: createHash('md5').update(body).digest('hex'), invisibleUntil: 0, receiveCount: 0 });
    return id;
  }

  /** Messages still in a queue (for tests). */
  depth(queueUrlOrName: string): number {
    return this.#queue(queueUrlOrName)?.messages.length ?? 0;
  }

  #queue(urlOrName: string): Queue | undefined {
    const name = urlOrName.includes('/') ? urlOrName.replace(/\/+$/, '').split('/').pop()! : urlOrName;
    return this.#queues.get(name);
  }

  /** True for requests this module answers: a POST with an X-Amz-Target of AmazonSQS.*. */
  static accepts(req: IncomingMessage): boolean {
    const target = req.headers['x-amz-target'];
    return req.method === 'POST' && typeof target === 'string' && target.startsWith('AmazonSQS.');
  }

  handle(req: IncomingMessage, rawPath: string, body: Buffer, res: ServerResponse): void {
    const reply = this.#dispatch(req, rawPath, body);
    const payload = Buffer.from(JSON.stringify(reply.body));
    res.writeHead(reply.status, {
      'Content-Type': 'application/x-amz-json-1.0',
      'Content-Length': String(payload.length),
      'x-amzn-RequestId': randomUUID(),
    });
    res.end(payload);
  }

  #dispatch(req: IncomingMessage, rawPath: string, body: Buffer): SqsReply {
    const auth = this.#verify(req, rawPath, body);
    if (auth) return auth;
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return fault(400, 'com.amazonaws.sqs#InvalidParameterValue', 'The request body is not valid JSON.');
    }
    const action = String(req.headers['x-amz-target']).slice('AmazonSQS.'.length);
    const q = typeof input.QueueUrl === 'string' ? this.#queue(input.QueueUrl) : undefined;
    if (!q) return fault(400, 'com.amazonaws.sqs#QueueDoesNotExist', 'The specified queue does not exist.');
    const now = this.clock.now();
    switch (action) {
      case 'ReceiveMessage': {
        const max = Math.min(Math.max(Number(input.MaxNumberOfMessages ?? 1), 1), 10);
        const visibility = input.VisibilityTimeout !== undefined ? Number(input.VisibilityTimeout) * 1000 : q.visibilityTimeoutMs;
        const out = [];
        for (const m of q.messages) {
          if (out.length >= max) break;
          if (m.invisibleUntil > now) continue;
          m.invisibleUntil = now + visibility;
          m.receiptHandle = `${m.id}#${randomUUID()}`;
          m.receiveCount++;
          out.push({ MessageId: m.id, ReceiptHandle: m.receiptHandle, MD5OfBody: m.md5, Body: m.body });
        }
        // Long polling is not simulated: an empty queue answers at once with no messages.
        return { status: 200, body: out.length ? { Messages: out } : {} };
      }
      case 'DeleteMessage': {
        const handle = input.ReceiptHandle;
        const i = q.messages.findIndex((m) => m.receiptHandle !== undefined && m.receiptHandle === handle);
        if (i === -1) return fault(400, 'com.amazonaws.sqs#ReceiptHandleIsInvalid', "The specified receipt handle isn't valid.");
        q.messages.splice(i, 1);
        return { status: 200, body: {} };
      }
      case 'SendMessage': {
        if (typeof input.MessageBody !== 'string') return fault(400, 'com.amazonaws.sqs#MissingParameter', 'MessageBody is required.');
        const id = this.send(q.name, input.MessageBody);
        return { status: 200, body: { MessageId: id, MD5OfMessageBody: createHash('md5').update(input.MessageBody).digest('hex') } };
      }
      case 'GetQueueAttributes':
        return {
          status: 200,
          body: { Attributes: { ApproximateNumberOfMessages: String(q.messages.filter((m) => m.invisibleUntil <= now).length) } },
        };
      default:
        return fault(400, 'com.amazonaws.sqs#UnsupportedOperation', `${action} is not supported by this emulator.`);
    }
  }

  /** SigV4: recompute the signature over the headers the client signed; undefined when it matches. */
  #verify(req: IncomingMessage, rawPath: string, body: Buffer): SqsReply | undefined {
    const header = req.headers.authorization ?? '';
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/sqs\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      header,
    );
    if (!m) return fault(400, 'com.amazon.coral.service#MissingAuthenticationTokenException', 'Request is missing Authentication Token');
    const [, keyId, , region, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string];
    const secret = this.#keys.get(keyId);
    if (!secret) return fault(403, 'com.amazon.coral.service#InvalidClientTokenId', 'The security token included in the request is invalid.');
    const amzDate = req.headers['x-amz-date'];
    if (typeof amzDate !== 'string') return fault(400, 'com.amazon.coral.service#IncompleteSignatureException', 'X-Amz-Date is missing.');
    const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    if (!Number.isFinite(signedAt) || Math.abs(this.clock.now() - signedAt) > 15 * 60_000) {
      return fault(403, 'com.amazon.coral.service#InvalidSignatureException', 'Signature expired or not yet valid.');
    }
    const headers: Record<string, string> = {};
    for (const name of signedHeaders.split(';')) {
      const v = req.headers[name];
      if (v === undefined) return fault(403, 'com.amazon.coral.service#InvalidSignatureException', `Signed header ${name} is missing.`);
      headers[name] = Array.isArray(v) ? v.join(',') : v;
    }
    const expected = aws4.sign(
      { method: 'POST', host: headers.host, path: rawPath, headers, body: body.toString('utf8'), service: 'sqs', region, doNotModifyHeaders: true },
      { accessKeyId: keyId, secretAccessKey: secret },
    ).headers?.Authorization;
    if (typeof expected !== 'string' || !expected.endsWith(`Signature=${signature}`)) {
      return fault(
        403,
        'com.amazon.coral.service#InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
    return undefined;
  }
}
