# Cardinal, the GitHub App, as a container image. See docs/deployment.md.
# This image is not built in CI; test/dockerfile.test.ts only checks the file's essentials.

# --- Build: install every dependency, compile TypeScript, then drop the dev dependencies ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the prepare script would build before the sources are copied.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# --- Runtime: the compiled app and its production dependencies, run as a non-root user ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
# Owned by root and read-only for the app: nothing in the image needs to be written at run time.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/lib ./lib
COPY app.yml ./
COPY docs ./docs
USER node
EXPOSE 3000
# Probot's server answers GET /ping with PONG.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ping').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# lib/start.js checks the settings (one line naming a missing or broken variable), then runs Probot.
CMD ["node", "lib/start.js"]
