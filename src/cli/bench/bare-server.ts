#!/usr/bin/env node
// Baseline for bench:startup: the smallest useful SDK v2 stdio server (one echo tool), what any MCP server costs to start.
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

const server = new McpServer({ name: 'bare-echo', version: '1.0.0' }, { capabilities: { tools: {} } });
server.registerTool('echo', { description: 'Returns its text.', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
  content: [{ type: 'text', text }],
}));
await server.connect(new StdioServerTransport());
process.stdin.on('close', () => process.exit(0));
