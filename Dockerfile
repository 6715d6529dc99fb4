# sp-api-mcp over Streamable HTTP. Build: docker build -t sp-api-mcp .
# Run: docker run -p 8765:8765 -v sp-api-data:/data -e SP_API_MCP_HTTP_TOKEN=… -e SP_API_CLIENT_ID=… … sp-api-mcp
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production SP_API_MCP_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/bin ./dist/bin
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 8765
# Inside a container the server must listen on all interfaces; it refuses to do so without authentication.
ENTRYPOINT ["node", "dist/bin/sp-api-mcp.js", "--http", "--host", "0.0.0.0", "--port", "8765"]
