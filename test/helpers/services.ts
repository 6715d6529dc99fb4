// Redis and PostgreSQL for the tests that need them: scripts/ci-system-deps.sh starts both on loopback and exports
// their URLs (.ci/run does this). When a URL is absent the test skips, saying so once.
const warned = new Set<string>();

function service(name: string, variable: string, skipped: string): string | undefined {
  const url = process.env[variable];
  if (url) return url;
  if (!warned.has(variable)) {
    warned.add(variable);
    console.warn(`[skip] ${variable} is not set (${name} not started; run: eval "$(bash scripts/ci-system-deps.sh start)"): ${skipped} skipped.`);
  }
  return undefined;
}

export const redisUrl = (skipped: string) => service('Redis', 'SP_API_MCP_TEST_REDIS_URL', skipped);
export const databaseUrl = (skipped: string) => service('PostgreSQL', 'SP_API_MCP_TEST_DATABASE_URL', skipped);
