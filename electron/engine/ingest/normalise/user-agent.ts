// Engine, ingest worker. User agent -> a coarse family ("openai-python", "curl", "Chrome") so
// linkage can tell a custom client from everyone's default SDK. Pure.

const FAMILIES: Array<[RegExp, string]> = [
  [/\bOpenAI\/Python\b|\bopenai-python\b/i, 'openai-python'],
  [/\bOpenAI\/JS\b|\bopenai-node\b/i, 'openai-node'],
  [/\banthropic-sdk-python\b|\bAnthropic\/Python\b/i, 'anthropic-python'],
  [/\banthropic-typescript\b|\bAnthropic\/JS\b/i, 'anthropic-typescript'],
  [/\blitellm\b/i, 'litellm'],
  [/\blangchain\b/i, 'langchain'],
  [/\bBoto3\b/i, 'boto3'],
  [/\baws-cli\b/i, 'aws-cli'],
  [/\baws-sdk-(\w+)/i, 'aws-sdk'],
  [/\bpython-requests\b/i, 'python-requests'],
  [/\bpython-httpx\b/i, 'python-httpx'],
  [/\baiohttp\b/i, 'aiohttp'],
  [/\burllib\b/i, 'python-urllib'],
  [/\bcurl\//i, 'curl'],
  [/\bWget\//i, 'wget'],
  [/\bGo-http-client\b/i, 'go-http-client'],
  [/\bokhttp\b/i, 'okhttp'],
  [/\baxios\b/i, 'axios'],
  [/\bnode-fetch\b|\bundici\b/i, 'node-fetch'],
  [/\bPostmanRuntime\b/i, 'postman'],
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bFirefox\//, 'Firefox'],
  [/\bChrom(e|ium)\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];

export function uaFamily(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (s.length === 0) return null;
  const head = s.length > 512 ? s.slice(0, 512) : s;
  for (const [re, family] of FAMILIES) if (re.test(head)) return family;
  // otherwise the first product token ("MyHarvester/2.1 (...)" -> "MyHarvester")
  const m = /^([A-Za-z][\w.-]{0,63})/.exec(head);
  return m?.[1] ?? 'other';
}
