// Reads the process environment once, so every part of the server agrees on its settings.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  signupOpen: boolean;
  llm: { baseUrl: string | undefined; model: string | undefined; apiKey: string | undefined };
  maxUploadBytes: number;
  version: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a number between 0 and 65535, got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.SIGHTLINE_DATA_DIR ?? 'data'),
    signupOpen: env.SIGHTLINE_SIGNUP === 'open',
    llm: {
      baseUrl: env.SIGHTLINE_LLM_BASE_URL || undefined,
      model: env.SIGHTLINE_LLM_MODEL || undefined,
      apiKey: env.SIGHTLINE_LLM_API_KEY || undefined,
    },
    maxUploadBytes: Number(env.SIGHTLINE_MAX_UPLOAD_MB ?? 20) * 1024 * 1024,
    version: '0.1.0',
  };
}
