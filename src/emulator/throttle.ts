// Amazon's token buckets, one per (application, seller, usage plan), as the usage-plans guide describes.
import type { Clock } from './types.js';
import type { UsagePlan } from '../sp-api/operations.js';

// A client pacing at exactly the published rate may arrive a few ms early because of network jitter;
// accepting at 0.98 of a token keeps such a client at zero 429s while a real burst overrun is still refused.
const ACCEPT_AT = 0.98;

interface Bucket {
  tokens: number;
  at: number;
}

export class Throttle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    private readonly rateScale: number,
  ) {}

  /** The rate actually enforced for a plan (the published rate times rateScale). */
  rate(plan: UsagePlan): number {
    return plan.rate * this.rateScale;
  }

  /** Takes one token if available. A refused request takes nothing. */
  take(key: string, plan: UsagePlan): boolean {
    const now = this.clock.now();
    const rate = this.rate(plan);
    const b = this.buckets.get(key) ?? { tokens: plan.burst, at: now };
    b.tokens = Math.min(plan.burst, b.tokens + (Math.max(0, now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < ACCEPT_AT) return false;
    b.tokens -= 1;
    return true;
  }
}
