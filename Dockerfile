# One image for every process: api (default), worker and the one-shot admin tasks (migrations). Node.js 24, the
# Active LTS line (supported: 20.19+, 22, 24); every dependency's `engines` accepts it, so `npm ci` warns of none.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/admin/package.json apps/admin/
COPY apps/cli/package.json apps/cli/
COPY apps/cli/bin apps/cli/bin/
COPY apps/dashboard/package.json apps/dashboard/
COPY libs/config/package.json libs/config/
COPY libs/domain/package.json libs/domain/
COPY libs/forecast/package.json libs/forecast/
COPY libs/ios-cli/package.json libs/ios-cli/
COPY libs/jobs/package.json libs/jobs/
COPY libs/logging/package.json libs/logging/
COPY libs/persistence/package.json libs/persistence/
COPY libs/reporting/package.json libs/reporting/
COPY libs/scenario/package.json libs/scenario/
COPY libs/simulator/package.json libs/simulator/
COPY migrations/package.json migrations/
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
# 3000: the api (PORT); 3001: the worker's probes and metrics when WORKER_HTTP_PORT=3001.
EXPOSE 3000 3001
# The api's readiness on the port it is configured with (PORT); the worker's service overrides this check.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "apps/api/dist/main.js"]
