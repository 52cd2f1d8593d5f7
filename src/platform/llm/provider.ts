// The AI seam: an OpenAI-compatible HTTP provider (Qwen, DeepSeek, Ollama, vLLM...) and the
// offline built-in provider that every AI feature falls back to.
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
}

export interface Completion {
  text: string;
  /** 'offline' for the built-in provider, otherwise the model's name */
  provider: string;
  offline: boolean;
}

export interface LlmProvider {
  readonly name: string;
  complete(req: CompletionRequest): Promise<Completion>;
}

export class OpenAiCompatibleProvider implements LlmProvider {
  constructor(
    private readonly baseUrl: string,
    private readonly model: string,
    private readonly apiKey: string | undefined,
    private readonly timeoutMs = 30_000,
  ) {}
  get name() {
    return this.model;
  }
  async complete(req: CompletionRequest): Promise<Completion> {
    const res = await fetch(`${this.baseUrl.replace(/\/$/, '')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}) },
      body: JSON.stringify({ model: this.model, messages: req.messages, max_tokens: req.maxTokens ?? 512, temperature: req.temperature ?? 0.2 }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`LLM endpoint answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const body = (await res.json()) as { choices?: Array<{ message?: { content?: string } }> };
    const text = body.choices?.[0]?.message?.content;
    if (typeof text !== 'string') throw new Error('LLM endpoint answered without choices[0].message.content');
    return { text, provider: this.model, offline: false };
  }
}

/**
 * Offline provider: extractive, deterministic. It returns the most informative sentences of
 * the last user message (by length-normalised term frequency), so summaries still work
 * without a model, and says it is offline.
 */
export class OfflineProvider implements LlmProvider {
  readonly name = 'offline';
  async complete(req: CompletionRequest): Promise<Completion> {
    const last = [...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    return { text: extractiveSummary(last, 3), provider: 'offline', offline: true };
  }
}

export function extractiveSummary(text: string, maxSentences: number): string {
  const sentences = text
    .split(/(?<=[。！？!?；;.\n])\s*/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (sentences.length <= maxSentences) return sentences.join(' ');
  const tokens = (s: string) => s.toLowerCase().match(/[\p{Script=Han}]|[\p{L}\p{N}]+/gu) ?? [];
  const freq = new Map<string, number>();
  for (const s of sentences) for (const t of tokens(s)) freq.set(t, (freq.get(t) ?? 0) + 1);
  const scored = sentences.map((s, i) => {
    const ts = tokens(s);
    const score = ts.reduce((sum, t) => sum + (freq.get(t) ?? 0), 0) / Math.max(1, Math.sqrt(ts.length));
    return { s, i, score };
  });
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, maxSentences)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.s)
    .join(' ');
}

/** Uses the configured model and falls back to the offline provider when the call fails. */
export class FallbackProvider implements LlmProvider {
  constructor(
    private readonly primary: LlmProvider,
    private readonly fallback: LlmProvider = new OfflineProvider(),
  ) {}
  get name() {
    return this.primary.name;
  }
  async complete(req: CompletionRequest): Promise<Completion> {
    try {
      return await this.primary.complete(req);
    } catch {
      return this.fallback.complete(req);
    }
  }
}

export function providerFromConfig(llm: { baseUrl?: string; model?: string; apiKey?: string }): LlmProvider {
  if (llm.baseUrl && llm.model) return new FallbackProvider(new OpenAiCompatibleProvider(llm.baseUrl, llm.model, llm.apiKey));
  return new OfflineProvider();
}
