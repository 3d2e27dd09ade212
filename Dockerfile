# syntax=docker/dockerfile:1
# scim-conformance in a container: the compiled package and its production dependencies on Node 20.
#   docker build -t scim-conformance .
#   docker run --rm -v "$PWD/reports:/reports" -e SCIM_TOKEN scim-conformance run --target https://scim.example.com/scim/v2
# Reports land in ./reports/runs/<run id>/ on the host. integration/dockerfile.test.ts runs these
# steps as plain shell commands; keep RUN paths relative to WORKDIR so it can.

# Build: compile with the devDependencies, pack the package as npm would publish it, and install
# that tarball (production dependencies only, no TypeScript, no tsx) into a prefix of its own.
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm pack --silent
RUN npm install --global --prefix ./image --omit=dev --no-audit --no-fund ./scim-conformance-*.tgz
RUN mkdir -p ./reports

# Run: Node 20 and the installed package only; the entry point is the package's own bin.
FROM node:20-slim
ENV NODE_ENV=production NO_UPDATE_NOTIFIER=1
COPY --from=build /src/image/ /usr/local/
COPY --from=build --chown=node:node /src/reports/ /reports/
USER node
WORKDIR /reports
ENTRYPOINT ["scim-conformance"]
CMD ["--help"]
