# Build stage: sqlite3 and argon2 are native modules and may need a compiler.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# `npm run build` is `tsc -p tsconfig.json`: src/, migrations/ and mikro-orm.config.ts into dist/
# (bench/ is not copied, so not built).
COPY tsconfig.json mikro-orm.config.ts ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev

# Runtime stage: production dependencies and compiled code only, as the unprivileged node user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json ./
COPY --from=build /app/node_modules ./node_modules
# dist/src (the server) and dist/migrations/<dialect> (applied at start, MIGRATE_ON_START=true).
COPY --from=build /app/dist ./dist
# Without DATABASE_URL the database is sqlite:data/portico.sqlite: a directory node may write.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 4000
# What `npm start` runs after its build (README, "Running against PostgreSQL").
CMD ["node", "dist/src/server.js"]
