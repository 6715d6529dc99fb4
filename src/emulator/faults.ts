// Injected failures for SP-API operations (not LWA or document URLs: clients retry those differently,
// and a fault there would mostly test Node's fetch). Per request: reset or storm before the throttle check;
// latency and 500/503 after it (the request spent a token, as on Amazon).
import type { OperationName } from '../sp-api/operations.js';
import type { FaultConfig } from './types.js';

export type FaultDecision = { kind: 'none' } | { kind: 'reset' } | { kind: 'storm' } | { kind: 'error'; status: 500 | 503 };

export class Faults {
  constructor(private config: FaultConfig = {}) {}

  set(config: FaultConfig): void {
    this.config = { ...config };
  }

  get dropRateLimitHeader(): boolean {
    return this.config.dropRateLimitHeader === true;
  }

  private applies(op: OperationName): boolean {
    const ops = this.config.operations;
    return !ops || ops.length === 0 || ops.includes(op);
  }

  /** Milliseconds to wait before answering this request. */
  latency(op: OperationName): number {
    const l = this.config.latencyMs;
    if (l === undefined || !this.applies(op)) return 0;
    if (typeof l === 'number') return Math.max(0, l);
    const [min, max] = l;
    return Math.max(0, min + Math.random() * (max - min));
  }

  decide(op: OperationName, now: number): FaultDecision {
    if (!this.applies(op)) return { kind: 'none' };
    const c = this.config;
    if (c.resetRate && Math.random() < c.resetRate) return { kind: 'reset' };
    if (c.throttleStormUntil !== undefined && now < c.throttleStormUntil) return { kind: 'storm' };
    // One in four injected errors is a 503 (Amazon answers both under load).
    if (c.errorRate && Math.random() < c.errorRate) return { kind: 'error', status: Math.random() < 0.25 ? 503 : 500 };
    return { kind: 'none' };
  }
}
