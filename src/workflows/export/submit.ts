// Submits the confirmed products of an export batch and follows them to a final state.
//
// Path by rate math (Amazon's default usage plans, one seller):
//   Listings Items API: putListingsItem 5 req/s, burst 10 → N items take max(0, N − 10) / 5 s, each answered with
//   synchronous validation, then one searchListingsItems per 20 SKUs (5 req/s) to re-check late issues.
//   JSON_LISTINGS_FEED: up to 25,000 messages a feed, 5 feeds per 5 minutes per region → submitted in seconds,
//   but Amazon processes feeds in minutes (reported 5–30 min, sometimes hours) and reports issues in one document.
//   So the API path wins while (N − 10) / 5 stays under typical feed processing time; we switch at FEED_THRESHOLD
//   items (≈ 100 s of API time), where a feed also stops tying up the seller's putListingsItem quota.
import type { ToolContext } from '../../core/tool.js';
import type { Batch, BatchCounts, ExportProduct, StoredIssue } from '../../store/export-store.js';
import { submitFeedDocument } from '../../sp-api/feeds.js';
import { OPERATIONS } from '../../sp-api/operations.js';
import { isAbort, SpApiAbortError, SpApiNetworkError } from '../../sp-api/errors.js';
import { sleep } from '../../lib/sleep.js';
import { trimIssues } from '../../core/issues.js';
import type { ValueOrigin } from './mapping.js';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

/** This process, as the owner of batch leases (another replica resumes a batch whose owner stopped renewing). */
export const LEASE_OWNER = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export const FEED_THRESHOLD = 500;
/** A product Amazon refused this many times is given up as unresolvable, with the last reason. */
export const MAX_ATTEMPTS = 3;
export const FEED_MAX_MESSAGES = 25_000;
/** Concurrent submissions: enough to keep the 5 req/s bucket busy, few enough that a crash leaves little uncertain. */
const WORKERS = 10;

export type SubmitPath = 'api' | 'feed';

export interface SubmitOptions {
  path: 'auto' | SubmitPath;
  /** Wait before re-checking accepted listings for late issues. */
  recheckAfterMs: number;
  /** First poll interval for feeds (then backing off to 30 s). */
  feedPollMs: number;
  onCounts(counts: BatchCounts, note: string): void;
}

export function choosePath(n: number, path: SubmitOptions['path']): SubmitPath {
  if (path !== 'auto') return path;
  return n > FEED_THRESHOLD ? 'feed' : 'api';
}

/** Seconds the rate limits allow at best for N items on a path (feed: submission only, processing excluded). */
export function minimumSeconds(n: number, path: SubmitPath): number {
  if (path === 'api') {
    const put = OPERATIONS.putListingsItem.plan;
    return Math.max(0, n - put.burst) / put.rate;
  }
  return 0;
}

function errorIssues(issues: StoredIssue[]): StoredIssue[] {
  return issues.filter((i) => i.severity === 'ERROR');
}

/** Issues as the export store keeps them: Amazon's core fields and where they came from. */
function asIssues(raw: unknown, source: string): StoredIssue[] {
  return trimIssues(raw).map(({ code, message, severity, attributeNames }) => ({
    code,
    message,
    severity,
    ...(attributeNames ? { attributeNames } : {}),
    source,
  }));
}

/** Parents before children, so Amazon knows the parent SKU when a child refers to it. */
function parentsFirst(products: ExportProduct[]): ExportProduct[] {
  const parents = new Set(products.map((p) => p.parentSku).filter(Boolean));
  const isParent = (p: ExportProduct) =>
    parents.has(p.sku) || (p.attributes?.parentage_level as Array<{ value?: string }> | undefined)?.[0]?.value === 'parent';
  return [...products.filter(isParent), ...products.filter((p) => !isParent(p))];
}

export class BatchSubmitter {
  constructor(
    private ctx: ToolContext,
    private readonly batch: Batch,
    private readonly opts: SubmitOptions,
  ) {}

  private get store() {
    return this.ctx.exports;
  }

  private async report(note: string): Promise<void> {
    this.opts.onCounts(await this.store.counts(this.batch.id), note);
  }

  /** Mappings of accepted products, counted per (type, column, attribute) and saved in one write each. */
  private readonly learned = new Map<
    string,
    { productType: string; sourceColumn: string; attribute: string; translations: Record<string, string>; times: number }
  >();

  private remember(p: ExportProduct): void {
    if (!p.productType) return;
    for (const [attribute, o] of Object.entries((p.origins ?? {}) as Record<string, ValueOrigin>)) {
      if (o.origin !== 'mapped' || !o.column) continue;
      const key = `${p.productType}\n${o.column}\n${attribute}`;
      const e = this.learned.get(key) ?? { productType: p.productType, sourceColumn: o.column, attribute, translations: {}, times: 0 };
      Object.assign(e.translations, o.translations ?? {});
      e.times++;
      this.learned.set(key, e);
    }
  }

  private async flushLearned(): Promise<void> {
    const learned = [...this.learned.values()];
    this.learned.clear();
    if (learned.length === 0) return;
    await this.store.transaction(async () => {
      for (const { times, ...e } of learned) await this.store.remember(this.ctx.sellerId, e, times);
    });
  }

  /** Failed, or unresolvable once Amazon refused it MAX_ATTEMPTS times (attempts counts this one already). */
  private async fail(p: ExportProduct, patch: { issues: StoredIssue[]; reason: string; submission?: ExportProduct['submission'] }): Promise<void> {
    const attempts = (await this.store.product(this.batch.id, p.sku))?.attempts ?? p.attempts;
    const givenUp = attempts >= MAX_ATTEMPTS;
    await this.store.updateProduct(this.batch.id, p.sku, {
      ...patch,
      state: givenUp ? 'unresolvable' : 'failed',
      reason: givenUp ? `Refused ${attempts} times; last: ${patch.reason}` : patch.reason,
    });
  }

  private async markAccepted(p: ExportProduct, issues: StoredIssue[]): Promise<void> {
    await this.store.updateProduct(this.batch.id, p.sku, { state: 'accepted', issues });
    this.remember(p);
  }

  async run(): Promise<{ path: SubmitPath | 'none'; submitted: number }> {
    const leaseMs = this.ctx.config.batchLeaseSeconds * 1000;
    await this.claim(leaseMs);
    // Renewed well before it lapses; a replica that dies stops renewing, and another resumes after the lease. One
    // that finds its lease taken (it stalled past it) stops sending at once, as if cancelled: what it had in
    // flight stays 'submitting' and the new owner looks it up before sending anything again.
    const outer = this.ctx;
    const lost = new AbortController();
    this.ctx = { ...outer, signal: AbortSignal.any([outer.signal, lost.signal]) };
    const renew = setInterval(() => {
      void this.store.claimBatch(this.batch.id, LEASE_OWNER, leaseMs).then(
        (c) => {
          if (c.claimed) return;
          outer.log.warn({ batchId: this.batch.id, owner: c.owner }, 'export batch lease lost to another replica: stopping');
          lost.abort(new Error(`another server (${c.owner}) took over this batch`));
        },
        () => undefined,
      );
    }, leaseMs / 3);
    renew.unref();
    try {
      return await this.runSteps();
    } finally {
      clearInterval(renew);
      this.ctx = outer;
      await this.flushLearned();
      await this.store.releaseBatch(this.batch.id, LEASE_OWNER).catch(() => undefined);
    }
  }

  /** Waits (cancellably, reporting it) while another replica holds the batch; takes it over once its lease lapses. */
  private async claim(leaseMs: number): Promise<void> {
    for (;;) {
      const c = await this.store.claimBatch(this.batch.id, LEASE_OWNER, leaseMs);
      if (c.claimed) return;
      const waitMs = Math.min(5_000, Math.max(100, c.until - Date.now() + 50));
      await this.report(
        `another server (${c.owner}) is submitting this batch; waiting ${Math.ceil(waitMs / 1000)} s for it to finish or its lease to lapse`,
      );
      await sleep(waitMs, this.ctx.signal);
    }
  }

  private async runSteps(): Promise<{ path: SubmitPath | 'none'; submitted: number }> {
    await this.resolveUncertain();
    await this.followOpenFeeds();
    const todo = parentsFirst(await this.store.products(this.batch.id, { states: ['confirmed'] }));
    if (todo.length === 0) {
      await this.recheck();
      return { path: 'none', submitted: 0 };
    }
    const path = choosePath(todo.length, this.opts.path);
    await this.store.setBatch(this.batch.id, { status: 'submitting' });
    if (path === 'api') await this.submitApi(todo);
    else await this.submitFeeds(todo);
    await this.recheck();
    await this.store.setBatch(this.batch.id, { status: 'submitted' });
    return { path, submitted: todo.length };
  }

  /** After a crash, a product in 'submitting' may or may not have reached Amazon: look before resubmitting. */
  private async resolveUncertain(): Promise<void> {
    const uncertain = (await this.store.products(this.batch.id, { states: ['submitting'] })).filter((p) => !p.submission?.feedId);
    for (const p of uncertain) {
      const since = Date.parse(p.submission?.at ?? '1970-01-01') - 5_000;
      let seen = false;
      try {
        const item = await this.ctx.client.getListingsItem(
          { sellerId: this.ctx.sellerId, sku: p.sku, marketplaceIds: [this.batch.marketplaceId], includedData: ['summaries'] },
          { signal: this.ctx.signal, onWait: this.ctx.onWait },
        );
        const updated = (item.summaries as Array<{ lastUpdatedDate?: string }> | undefined)?.[0]?.lastUpdatedDate;
        seen = updated !== undefined && Date.parse(updated) >= since;
      } catch (err) {
        if ((err as { status?: number }).status !== 404) throw err;
      }
      await this.store.updateProduct(this.batch.id, p.sku, seen ? { state: 'submitted' } : { state: 'confirmed' });
    }
    if (uncertain.length) await this.report(`checked ${uncertain.length} product(s) left uncertain by an interrupted run`);
  }

  private async submitOne(p: ExportProduct): Promise<void> {
    const { ctx, batch, store } = this;
    await store.updateProduct(batch.id, p.sku, {
      state: 'submitting',
      submission: { path: 'api', at: new Date().toISOString() },
      incrementAttempts: true,
    });
    let requestId: string | undefined;
    try {
      const res = await ctx.client.putListingsItem(
        {
          sellerId: ctx.sellerId,
          sku: p.sku,
          marketplaceIds: [batch.marketplaceId],
          includedData: ['issues', 'identifiers'],
          body: { productType: p.productType!, requirements: 'LISTING', attributes: p.attributes ?? {} },
        },
        { signal: ctx.signal, onWait: ctx.onWait, onMeta: (m) => (requestId = m.requestId) },
      );
      const issues = asIssues(res.issues, 'amazon');
      const submission = {
        path: 'api' as const,
        submissionId: res.submissionId,
        status: String(res.status),
        at: new Date().toISOString(),
        ...(requestId ? { requestId } : {}),
      };
      if (res.status === 'ACCEPTED') await store.updateProduct(batch.id, p.sku, { state: 'submitted', issues, submission });
      else await this.fail(p, { issues, submission, reason: `Amazon answered ${res.status}` });
    } catch (err) {
      if (isAbort(err)) {
        // Cancelled while waiting for the rate limit: nothing was sent. Cancelled in flight: uncertain, stays
        // 'submitting' and is looked up before anything is sent again.
        if (!(err instanceof SpApiAbortError && err.requestSent)) await store.updateProduct(batch.id, p.sku, { state: 'confirmed' });
        throw err;
      }
      if (err instanceof SpApiNetworkError && err.requestSent) throw err; // uncertain: stays 'submitting'
      await this.fail(p, { issues: [], reason: err instanceof Error ? err.message : 'submission failed' });
    }
    await this.report(`submitted ${p.sku}`);
  }

  private async submitApi(todo: ExportProduct[]): Promise<void> {
    // Parents go first and alone, so children never race ahead of them.
    const parents = todo.filter((p) => todo.some((c) => c.parentSku === p.sku));
    for (const p of parents) await this.submitOne(p);
    const queue = todo.filter((p) => !parents.includes(p));
    const worker = async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        if (this.ctx.signal.aborted) return;
        await this.submitOne(p);
      }
    };
    const results = await Promise.allSettled(Array.from({ length: Math.min(WORKERS, queue.length) }, worker));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  }

  private async submitFeeds(todo: ExportProduct[]): Promise<void> {
    const { ctx, batch, store } = this;
    for (let start = 0; start < todo.length; start += FEED_MAX_MESSAGES) {
      const chunk = todo.slice(start, start + FEED_MAX_MESSAGES);
      await this.report(`building a JSON_LISTINGS_FEED of ${chunk.length} product(s)`);
      const at = new Date().toISOString();
      await store.transaction(async () => {
        for (const [i, p] of chunk.entries())
          await store.updateProduct(batch.id, p.sku, {
            state: 'submitting',
            submission: { path: 'feed', messageId: i + 1, at },
            incrementAttempts: true,
          });
      });
      const content = JSON.stringify({
        header: { sellerId: ctx.sellerId, version: '2.0', issueLocale: 'en_US', report: { includedData: ['issues'], apiVersion: '2021-08-01' } },
        messages: chunk.map((p, i) => ({
          messageId: i + 1,
          sku: p.sku,
          operationType: 'UPDATE',
          productType: p.productType,
          requirements: 'LISTING',
          attributes: p.attributes ?? {},
        })),
      });
      const { feedId } = await submitFeedDocument(
        ctx.client,
        { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [batch.marketplaceId], content, contentType: 'application/json; charset=UTF-8' },
        { signal: ctx.signal, onWait: ctx.onWait },
      );
      await store.transaction(async () => {
        await store.addFeed(
          batch.id,
          feedId,
          chunk.map((p) => p.sku),
        );
        for (const [i, p] of chunk.entries())
          await store.updateProduct(batch.id, p.sku, { submission: { path: 'feed', feedId, messageId: i + 1, at } });
      });
      await this.report(`feed ${feedId} submitted with ${chunk.length} product(s)`);
    }
    await this.followOpenFeeds();
  }

  private async followOpenFeeds(): Promise<void> {
    const { ctx, batch, store } = this;
    for (const { feedId, skus } of await store.openFeeds(batch.id)) {
      let feed = await ctx.client.getFeed({ feedId }, { signal: ctx.signal, onWait: ctx.onWait });
      // Feeds take seconds to hours: poll every feedPollMs for the first minute (getFeed allows 2/s), then back off.
      const since = Date.now();
      for (
        let delay = this.opts.feedPollMs;
        !['DONE', 'FATAL', 'CANCELLED'].includes(feed.processingStatus);
        delay = Date.now() - since < 60_000 ? delay : Math.min(delay * 1.5, 30_000)
      ) {
        await this.report(`feed ${feedId} is ${feed.processingStatus}`);
        await sleep(delay, ctx.signal);
        feed = await ctx.client.getFeed({ feedId }, { signal: ctx.signal, onWait: ctx.onWait });
      }
      const products = await store.products(batch.id, { skus });
      let issues: Array<Record<string, unknown>> = [];
      if (feed.resultFeedDocumentId) {
        const doc = await ctx.client.getFeedDocument({ feedDocumentId: feed.resultFeedDocumentId }, { signal: ctx.signal, onWait: ctx.onWait });
        const downloaded = await ctx.client.downloadDocument(doc, { signal: ctx.signal });
        const report = JSON.parse(downloaded.text) as { issues?: Array<Record<string, unknown>> };
        issues = report.issues ?? [];
      }
      await store.transaction(async () => {
        for (const p of products) {
          const mine = asIssues(
            issues.filter((i) => i.messageId === p.submission?.messageId || (i.messageId === undefined && i.sku === p.sku)),
            'amazon',
          );
          const submission = { ...(p.submission ?? { path: 'feed' as const, at: new Date().toISOString() }), feedId, status: feed.processingStatus };
          if (feed.processingStatus !== 'DONE') {
            await store.updateProduct(batch.id, p.sku, {
              state: 'failed',
              submission,
              issues: mine,
              reason: `feed ${feedId} ended ${feed.processingStatus}`,
            });
          } else if (errorIssues(mine).length) {
            await this.fail(p, { submission, issues: mine, reason: 'Amazon reported errors in the feed processing report' });
          } else {
            await store.updateProduct(batch.id, p.sku, { submission });
            await this.markAccepted({ ...p, submission }, mine);
          }
        }
        await store.setFeedStatus(feedId, feed.processingStatus);
      });
      await this.report(`feed ${feedId} ${feed.processingStatus}`);
    }
  }

  /** ACCEPTED is not final: Amazon may raise issues after processing. Look again, 20 SKUs per call. */
  async recheck(): Promise<void> {
    try {
      await this.recheckSubmitted();
    } finally {
      await this.flushLearned();
    }
  }

  private async recheckSubmitted(): Promise<void> {
    const { ctx, batch, store } = this;
    const submitted = await store.products(batch.id, { states: ['submitted'] });
    if (submitted.length === 0) return;
    await this.report(`waiting ${Math.round(this.opts.recheckAfterMs / 1000)} s before re-checking ${submitted.length} listing(s) for late issues`);
    await sleep(this.opts.recheckAfterMs, ctx.signal);
    for (let i = 0; i < submitted.length; i += 20) {
      const chunk = submitted.slice(i, i + 20);
      const res = await ctx.client.searchListingsItems(
        {
          sellerId: ctx.sellerId,
          marketplaceIds: [batch.marketplaceId],
          identifiers: chunk.map((p) => p.sku),
          identifiersType: 'SKU',
          includedData: ['summaries', 'issues'],
          pageSize: 20,
        },
        { signal: ctx.signal, onWait: ctx.onWait },
      );
      const found = new Map(res.items.map((it) => [String((it as { sku?: string }).sku), it as Record<string, unknown>]));
      await store.transaction(async () => {
        for (const p of chunk) {
          const item = found.get(p.sku);
          if (!item) continue; // not processed yet: stays 'submitted'; export_status refresh looks again
          const issues = asIssues(item.issues, 'amazon');
          if (errorIssues(issues).length) await this.fail(p, { issues, reason: 'Amazon raised issues after accepting the submission' });
          else await this.markAccepted(p, issues);
        }
      });
      await this.report(`re-checked ${Math.min(i + 20, submitted.length)} of ${submitted.length}`);
    }
  }
}
