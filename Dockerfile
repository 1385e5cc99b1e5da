# P2MA server image: Node 22, the OCR tools the document features use, and the app run by `npm start`.
# Not built on the development machine (it has no Docker engine); see docs/deploy.md.
FROM node:22-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-ind poppler-utils ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Build the staff web app into the image, so the container never builds at start.
RUN node scripts/ensure-web.mjs \
 && mkdir -p /data /backups && chown node:node /data /backups && chown -R node:node /app/dist

ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000 \
    HOST=0.0.0.0
VOLUME ["/data"]
EXPOSE 3000
USER node
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:3000/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npm", "start"]
