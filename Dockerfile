# wirewatch worker image. Build: docker build -t wirewatch .   Run: docker compose up (compose.yaml).
# Stage 1 installs every dependency, compiles src/ to dist/ (npm ci runs `prepare`), then drops
# the development dependencies; stage 2 is the runtime: dist/, production node_modules, bin/, config/.

FROM node:20-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source only when no prebuilt binary fits the platform.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci && npm prune --omit=dev

FROM node:20-slim
ENV NODE_ENV=production \
    WIREWATCH_CONFIG=/app/config/container.yaml
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY models ./models
COPY config ./config
COPY docker/wirewatch.yaml ./config/container.yaml
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
# /healthz, /readyz, /metrics and Slack's request URL (/slack/events): `http:` in the config.
EXPOSE 9090
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9090/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself (docker stop finishes in-flight work).
ENTRYPOINT ["node", "/app/bin/wirewatch.js"]
CMD ["run"]
