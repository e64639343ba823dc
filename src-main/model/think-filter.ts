/**
 * Takes a model's thinking out of the text it streams. Local servers send thinking three ways:
 *
 * - in its own field (`reasoning_content`: llama.cpp `--reasoning-format deepseek`, LM Studio with
 *   "separate reasoning_content", older vLLM; `reasoning`: Ollama's /v1, vLLM ≥ 0.11, LM Studio for
 *   gpt-oss) — the client ignores those fields, this filter never sees them;
 * - inline in `content` between tags (`<think>…</think>`: Qwen3, DeepSeek-R1 distills on Ollama,
 *   LM Studio, llama.cpp `--reasoning-format none`; `<thinking>`; gpt-oss's harmony channels
 *   `<|channel|>analysis<|message|>…<|end|>` … `<|channel|>final<|message|>` when the server leaves
 *   them in);
 * - inline without the opening tag, because the chat template already put `<think>` in the prompt
 *   (DeepSeek-R1 and Qwen3-thinking templates): the reply starts inside thinking and the first
 *   `</think>` ends it (llama.cpp #15052, ik_llama.cpp #776).
 *
 * Tags may be split across chunks (`<thi` + `nk>`): a tail that could be the start of a tag is held
 * back. An unterminated block hides everything after its opening tag. The third case cannot be told
 * from an ordinary reply until a `</think>` arrives or the reply ends, so in `hold` mode (a model not
 * yet seen) the beginning of the reply is held until one of the two; once a model has answered
 * without thinking, `plain` mode streams at once (a stray `</think>` then still hides nothing already
 * shown, and is reported so the caller can switch that model to `hold`).
 */

/** How the start of a reply is treated: `hold` until it is clear whether it begins inside thinking. */
export type ThinkMode = 'hold' | 'plain';

const OPENERS = ['<think>', '<thinking>', '<|channel|>analysis<|message|>'] as const;
/** Each opener's closers; the harmony analysis channel ends where the final channel starts. */
const CLOSERS: Record<(typeof OPENERS)[number], readonly string[]> = {
  '<think>': ['</think>'],
  '<thinking>': ['</thinking>'],
  '<|channel|>analysis<|message|>': ['<|start|>assistant<|channel|>final<|message|>', '<|channel|>final<|message|>'],
};
const ALL_CLOSERS = ['</think>', '</thinking>', '<|start|>assistant<|channel|>final<|message|>', '<|channel|>final<|message|>'];
/** Harmony tokens that may sit between the channels (`<|end|>`, `<|start|>assistant`): never shown. */
const HARMONY_TOKEN = /<\|(?:start|end|return|message|channel)\|>(?:assistant)?/g;

function indexOfCI(text: string, needle: string, from = 0): number {
  return text.toLowerCase().indexOf(needle.toLowerCase(), from);
}

/** Length of the longest suffix of `text` that is a proper prefix of one of `tags`. */
function partialTagAtEnd(text: string, tags: readonly string[]): number {
  const lower = text.toLowerCase();
  let best = 0;
  for (const tag of tags) {
    const t = tag.toLowerCase();
    for (let n = Math.min(t.length - 1, lower.length); n > best; n--) {
      if (lower.endsWith(t.slice(0, n))) {
        best = n;
        break;
      }
    }
  }
  return best;
}

export interface ThinkSummary {
  /** Some thinking was removed (tagged, or before a bare closing tag). */
  thought: boolean;
  /** The reply began inside thinking without an opening tag (the model should be held next time). */
  headless: boolean;
  /** The reply ended inside a thinking block (nothing after its opening tag was shown). */
  unterminated: boolean;
}

export class ThinkFilter {
  private buffer = '';
  /** Inside a block: the closers that end it. */
  private closers: readonly string[] | null = null;
  /** Still at the start, in `hold` mode: everything so far may be headless thinking. */
  private holding: boolean;
  private started = false;
  /** A block just ended: the white space that followed it is not shown (`</think>\n\nHint`). */
  private trimLeading = false;
  private readonly summary: ThinkSummary = { thought: false, headless: false, unterminated: false };

  constructor(mode: ThinkMode = 'hold') {
    this.holding = mode === 'hold';
  }

  /** Nothing of what arrives now would be shown: inside a block, or holding the start of the reply. */
  get inThought(): boolean {
    return this.closers !== null || this.holding;
  }

  get result(): ThinkSummary {
    return { ...this.summary };
  }

  /** The server sent thinking in a field of its own: its `content` is the answer, nothing to hold. */
  thinkingSeparately(): void {
    if (!this.started) this.holding = false;
  }

  /** Feed a piece of `content`; returns what may be shown now. */
  push(piece: string): string {
    this.buffer += piece;
    return this.drain(false);
  }

  /** The end of the reply: whatever is still held and visible. */
  finish(): string {
    return this.drain(true);
  }

  private drain(final: boolean): string {
    let out = '';
    for (;;) {
      if (this.closers !== null) {
        const hit = this.firstOf(this.closers);
        if (hit === null) {
          // Inside thinking: drop it, keeping only what might be the start of the closer.
          const keep = final ? 0 : partialTagAtEnd(this.buffer, this.closers);
          if (final) this.summary.unterminated = true;
          this.buffer = this.buffer.slice(this.buffer.length - keep);
          return out;
        }
        this.buffer = this.buffer.slice(hit.at + hit.tag.length);
        this.closers = null;
        this.trimLeading = true;
        continue;
      }
      if (!this.started) {
        const trimmed = this.buffer.replace(/^\s+/, '');
        if (trimmed === '' && !final) return out;
        const opener = OPENERS.find((o) => trimmed.toLowerCase().startsWith(o.toLowerCase()));
        if (opener) {
          this.started = true;
          this.summary.thought = true;
          this.buffer = trimmed.slice(opener.length);
          this.closers = CLOSERS[opener];
          continue;
        }
        if (!final && OPENERS.some((o) => o.toLowerCase().startsWith(trimmed.toLowerCase()))) return out;
        this.started = true;
      }
      if (this.holding) {
        const close = this.firstOf(ALL_CLOSERS);
        if (close) {
          // The reply began inside thinking: all of it up to the closing tag was thought.
          this.summary.thought = true;
          this.summary.headless = true;
          this.holding = false;
          this.buffer = this.buffer.slice(close.at + close.tag.length);
          this.trimLeading = true;
          continue;
        }
        if (!final) return out;
        this.holding = false;
      }
      const open = this.firstOf(OPENERS);
      const strayClose = this.firstOf(ALL_CLOSERS);
      if (strayClose && (open === null || strayClose.at < open.at)) {
        // A closing tag with no opening one while streaming plainly: what came before is shown already.
        this.summary.headless = true;
        this.summary.thought = true;
        out += this.visible(this.buffer.slice(0, strayClose.at));
        this.buffer = this.buffer.slice(strayClose.at + strayClose.tag.length);
        this.trimLeading = true;
        continue;
      }
      if (open) {
        out += this.visible(this.buffer.slice(0, open.at));
        this.summary.thought = true;
        this.closers = CLOSERS[open.tag as (typeof OPENERS)[number]];
        this.buffer = this.buffer.slice(open.at + open.tag.length);
        continue;
      }
      const keep = final ? 0 : partialTagAtEnd(this.buffer, [...OPENERS, ...ALL_CLOSERS]);
      out += this.visible(this.buffer.slice(0, this.buffer.length - keep));
      this.buffer = this.buffer.slice(this.buffer.length - keep);
      return out;
    }
  }

  private visible(text: string): string {
    let shown = text.replace(HARMONY_TOKEN, '');
    if (this.trimLeading) {
      shown = shown.replace(/^\s+/, '');
      if (shown !== '') this.trimLeading = false;
    }
    return shown;
  }

  private firstOf(tags: readonly string[]): { at: number; tag: string } | null {
    let best: { at: number; tag: string } | null = null;
    for (const tag of tags) {
      const at = indexOfCI(this.buffer, tag);
      if (at >= 0 && (best === null || at < best.at || (at === best.at && tag.length > best.tag.length))) best = { at, tag };
    }
    return best;
  }
}

/** A whole reply without its thinking (non-streamed calls). */
export function stripThinking(text: string, mode: ThinkMode = 'hold'): { text: string; summary: ThinkSummary } {
  const f = new ThinkFilter(mode);
  const out = f.push(text) + f.finish();
  return { text: out, summary: f.result };
}
