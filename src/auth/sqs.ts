// A minimal SQS client (AWS JSON 1.0 protocol, SigV4-signed with aws4): receive and delete. Used to read the
// client-secret rotation notification; kept generic for any SQS destination.
import aws4 from 'aws4';

export interface SqsAccess {
  queueUrl: string;
  /** AWS region of the queue; default from the queue's host (sqs.<region>.amazonaws.com), else us-east-1. */
  region?: string | undefined;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SqsMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
}

export class SqsError extends Error {
  constructor(
    message: string,
    readonly type: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'SqsError';
  }
}

export function regionOfQueue(queueUrl: string): string | undefined {
  return /^sqs\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(queueUrl).hostname)?.[1];
}

async function call(access: SqsAccess, action: string, input: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>> {
  const url = new URL(access.queueUrl);
  const region = access.region ?? regionOfQueue(access.queueUrl) ?? 'us-east-1';
  const body = JSON.stringify({ QueueUrl: access.queueUrl, ...input });
  const signed = aws4.sign(
    {
      host: url.host,
      path: '/',
      method: 'POST',
      service: 'sqs',
      region,
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AmazonSQS.${action}` },
      body,
    },
    { accessKeyId: access.accessKeyId, secretAccessKey: access.secretAccessKey },
  );
  const { request } = await import('undici');
  const res = await request(`${url.protocol}//${url.host}/`, {
    method: 'POST',
    headers: signed.headers as Record<string, string>,
    body,
    ...(signal ? { signal } : {}),
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const text = await res.body.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Non-JSON error pages fall through to the status check.
  }
  if (res.statusCode >= 300) {
    const type = String(json.__type ?? `http_${res.statusCode}`)
      .split('#')
      .pop()!;
    throw new SqsError(`SQS ${action} failed (${type}): ${String(json.message ?? json.Message ?? text.slice(0, 200))}`, type, res.statusCode);
  }
  return json;
}

export async function receiveMessages(
  access: SqsAccess,
  opts: { max?: number; waitSeconds?: number; signal?: AbortSignal } = {},
): Promise<SqsMessage[]> {
  const out = await call(access, 'ReceiveMessage', { MaxNumberOfMessages: opts.max ?? 10, WaitTimeSeconds: opts.waitSeconds ?? 0 }, opts.signal);
  const messages = Array.isArray(out.Messages) ? (out.Messages as Array<Record<string, unknown>>) : [];
  return messages.map((m) => ({ messageId: String(m.MessageId), receiptHandle: String(m.ReceiptHandle), body: String(m.Body ?? '') }));
}

export async function deleteMessage(access: SqsAccess, receiptHandle: string): Promise<void> {
  await call(access, 'DeleteMessage', { ReceiptHandle: receiptHandle });
}
