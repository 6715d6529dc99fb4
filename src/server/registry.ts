// Decides which tools a server exposes. Read-only wins over everything else.
import type { ServerConfig } from '../core/config.js';
import { WRITE_CAPABILITIES } from '../core/capabilities.js';
import type { ToolSpec } from '../core/tool.js';

export interface Selection {
  allowed: ToolSpec[];
  /** Tools hidden from tools/list; a call to one is refused with CAPABILITY_NOT_ALLOWED and this reason. */
  denied: Map<string, string>;
}

export function isWriteTool(tool: ToolSpec): boolean {
  return WRITE_CAPABILITIES.has(tool.capability) || !tool.annotations.readOnlyHint;
}

export function selectTools(tools: readonly ToolSpec[], config: ServerConfig): Selection {
  const allowed: ToolSpec[] = [];
  const denied = new Map<string, string>();
  for (const tool of tools) {
    if (config.readOnly && isWriteTool(tool)) {
      denied.set(tool.name, `the server runs in read-only mode (--read-only); ${tool.name} writes to Amazon`);
    } else if (!config.capabilities.has(tool.capability)) {
      denied.set(tool.name, `capability "${tool.capability}" is not in the allowlist (--capabilities / SP_API_MCP_CAPABILITIES)`);
    } else if (config.toolsets.size > 0 && !config.toolsets.has(tool.toolset)) {
      denied.set(tool.name, `toolset "${tool.toolset}" is not enabled (--toolsets / SP_API_MCP_TOOLSETS)`);
    } else {
      allowed.push(tool);
    }
  }
  return { allowed, denied };
}
