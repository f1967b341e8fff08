import { fileURLToPath } from 'node:url';

// This app's own folder, not the enclosing repository (which has a lockfile too), is the project root.
const root = fileURLToPath(new URL('.', import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  turbopack: { root },
  outputFileTracingRoot: root,
  // `next dev` would otherwise write an AGENTS.md into the app.
  agentRules: false,
  experimental: { agentUpgrade: false },
};

export default nextConfig;
