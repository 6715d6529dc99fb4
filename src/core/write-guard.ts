// Stops a runaway agent: writes per server process and per seller per UTC day, and batch size.
import type { ServerConfig } from './config.js';
import type { AuditLog } from '../store/audit.js';
import { ToolError } from './tool-error.js';

export class WriteGuard {
  private executedThisRun = 0;

  constructor(
    private readonly config: ServerConfig,
    private readonly audit: AuditLog,
    private readonly sellerId: string,
  ) {}

  /** Throws WRITE_BUDGET_EXCEEDED / BATCH_TOO_LARGE naming the setting; `items` is how many writes are about to run. */
  async check(items = 1): Promise<void> {
    const c = this.config;
    if (items > c.maxBatchSize) {
      throw new ToolError(
        'BATCH_TOO_LARGE',
        `This batch has ${items} items; the maximum is ${c.maxBatchSize} (setting --max-batch-size / SP_API_MCP_MAX_BATCH_SIZE). Split it into smaller batches.`,
      );
    }
    if (this.executedThisRun + items > c.writeBudgetRun) {
      throw new ToolError(
        'WRITE_BUDGET_EXCEEDED',
        `This needs ${items} write(s) but the write budget of this server run allows ${c.writeBudgetRun - this.executedThisRun} more (${this.executedThisRun} of ${c.writeBudgetRun} used; setting --write-budget-run / SP_API_MCP_WRITE_BUDGET_RUN). Nothing was written. Ask the operator to raise it or restart the server deliberately.`,
      );
    }
    const midnight = new Date();
    midnight.setUTCHours(0, 0, 0, 0);
    const today = await this.audit.countExecutedSince(midnight.toISOString(), this.sellerId);
    if (today + items > c.writeBudgetDay) {
      throw new ToolError(
        'WRITE_BUDGET_EXCEEDED',
        `This needs ${items} write(s) but today's write budget allows ${Math.max(0, c.writeBudgetDay - today)} more (${today} of ${c.writeBudgetDay} used since 00:00 UTC; setting --write-budget-day / SP_API_MCP_WRITE_BUDGET_DAY). Nothing was written. Continue tomorrow or ask the operator to raise it.`,
      );
    }
  }

  record(items = 1): void {
    this.executedThisRun += items;
  }
}
