# syntax=docker/dockerfile:1
# The CIMS sync server as a container image (see server/README.md, "Deploying the server").
# Stage 1 builds out/server from the sources; stage 2 holds only that folder and the
# server's production packages, and runs as the unprivileged `node` user.

FROM node:20-bookworm-slim AS build
WORKDIR /src
# Native modules (argon2, better-sqlite3) fall back to a source build without a prebuilt binary.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The desktop app's Electron binary is not needed to build the server.
RUN ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
COPY . .
RUN npm run build:server

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    CIMS_DATA_DIR=/var/lib/cims
WORKDIR /opt/cims-server
COPY --from=build /src/out/server ./
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
 && npm install --omit=dev --no-audit --no-fund \
 && npm cache clean --force \
 && apt-get purge -y python3 make g++ && apt-get autoremove -y && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/cims && chown node:node /var/lib/cims
USER node
EXPOSE 8787
VOLUME ["/var/lib/cims"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains: /ready turns 503, streams are told to reconnect, pushes in flight finish.
STOPSIGNAL SIGTERM
CMD ["node", "cli.js", "start"]
