// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: LLM and model providers (OpenAI, OpenRouter, xAI, Groq, Perplexity, NVIDIA, Replicate, ElevenLabs, Hugging Face).
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** LLM and model providers' API keys. */
export const LLM_RULES: readonly Rule[] = [
  {
    id: "openai-api-key",
    description: "OpenAI API key",
    shape: "sk-proj-, sk-svcacct- or sk-admin- + url-safe chars holding T3BlbkFJ; " +
      "legacy sk- + 20 alnum + T3BlbkFJ + 20 alnum",
    prefixes: ["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-"],
    pattern: "sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{10,}T3BlbkFJ[A-Za-z0-9_-]{10,}" +
      "|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}",
    fixed: ["T3BlbkFJ"],
    keyed: false,
  },
  {
    id: "openrouter-api-key",
    description: "OpenRouter API key",
    shape: "sk-or-v1- + 64 hex",
    prefixes: ["sk-or-v1-"],
    pattern: "sk-or-v1-[0-9a-f]{64}",
    keyed: false,
  },
  {
    id: "xai-api-key",
    description: "xAI (Grok) API key",
    shape: "xai- + 80 alnum",
    prefixes: ["xai-"],
    pattern: "xai-[A-Za-z0-9]{80}",
    keyed: false,
  },
  {
    id: "groq-api-key",
    description: "Groq API key",
    shape: "gsk_ + 52 alnum",
    prefixes: ["gsk_"],
    pattern: "gsk_[A-Za-z0-9]{52}",
    keyed: false,
  },
  {
    id: "perplexity-api-key",
    description: "Perplexity API key",
    shape: "pplx- + 48 alnum",
    prefixes: ["pplx-"],
    pattern: "pplx-[A-Za-z0-9]{48}",
    keyed: false,
  },
  {
    id: "nvidia-api-key",
    description: "NVIDIA API key (build.nvidia.com, NIM)",
    shape: "nvapi- + 64 of [A-Za-z0-9_-]",
    prefixes: ["nvapi-"],
    pattern: "nvapi-[A-Za-z0-9_-]{64}",
    keyed: false,
  },
  {
    id: "replicate-api-token",
    description: "Replicate API token",
    shape: "r8_ + 37 alnum",
    prefixes: ["r8_"],
    pattern: "r8_[A-Za-z0-9]{37}",
    keyed: false,
  },
  {
    id: "elevenlabs-api-key",
    description: "ElevenLabs API key",
    shape: "sk_ + 48 hex",
    prefixes: ["sk_"],
    pattern: "sk_[0-9a-f]{48}",
    keyed: false,
  },
  {
    id: "huggingface-token",
    description: "Hugging Face access token or organization API token",
    shape: "hf_ or api_org_ + 34 letters",
    prefixes: ["hf_", "api_org_"],
    pattern: "(?:hf|api_org)_[A-Za-z]{34}",
    keyed: false,
  },
];
