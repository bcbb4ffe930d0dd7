import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app lives in web/ and is built to web/dist, which the Fastify server serves at `/`.
export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: "/",
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, "dist"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
