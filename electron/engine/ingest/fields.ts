// Engine and shared logic. The canonical fields of each kind (domain.md "Input the workbench must
// take") and the column names exports use for them, most specific first. Pure data.

export type ImportKind = 'exchanges' | 'accounts';

export const EXCHANGE_FIELDS = [
  'request_id', 'ts', 'account_id', 'api_key_id', 'ip', 'user_agent', 'model', 'input_tokens', 'output_tokens',
  'prompt', 'prompt_sha256', 'device_id', 'tls_ja4', 'asn', 'country', 'status', 'endpoint',
  'temperature', 'top_p', 'max_tokens',
] as const;
export type ExchangeField = (typeof EXCHANGE_FIELDS)[number];

export const ACCOUNT_FIELDS = [
  'account_id', 'created_at', 'email', 'payment_fingerprint', 'card_bin', 'card_country', 'billing_country',
  'signup_ip', 'device_id', 'phone_hash', 'org_id', 'signup_channel',
] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

export const FIELDS: Record<ImportKind, readonly string[]> = { exchanges: EXCHANGE_FIELDS, accounts: ACCOUNT_FIELDS };

/** Fields without which a row of that kind cannot be stored. */
export const REQUIRED: Record<ImportKind, readonly string[]> = {
  exchanges: ['ts', 'account_id'],
  accounts: ['account_id'],
};

/**
 * Synonyms by canonical field, in priority order. Compared after `columnKey` (lower-case, letters
 * and digits only), so `@timestamp`, `Time-Stamp` and `timestamp` are the same; nested JSON keys
 * are flattened with dots first (`userIdentity.arn` -> `useridentityarn`).
 */
export const SYNONYMS: Record<string, readonly string[]> = {
  request_id: ['request_id', 'requestId', 'req_id', 'x_request_id', 'requestID', 'request_uuid', 'litellm_call_id', 'call_id', 'eventID'],
  ts: ['ts', 'timestamp', '@timestamp', 'time', 'event_time', 'eventTime', 'request_time', 'startTime', 'start_time', 'datetime', 'date', 'created', 'created_at', 'effective_at', 'occurred_at', 'time_iso8601'],
  account_id: ['account_id', 'accountId', 'user_id', 'userid', 'user', 'account', 'customer_id', 'org_user_id', 'userIdentity.accountId', 'recipientAccountId', 'actor.user_id', 'actor.session.user.id', 'end_user', 'owner_id'],
  api_key_id: ['api_key_id', 'api_key', 'apikey', 'key_id', 'api_key_hash', 'hashed_api_key', 'api_key_alias', 'access_key_id', 'userIdentity.accessKeyId', 'actor.api_key_id', 'actor.api_key.id', 'token_hash'],
  ip: ['ip', 'client_ip', 'source_ip', 'sourceIPAddress', 'remote_addr', 'remote_ip', 'ip_address', 'requester_ip_address', 'x_forwarded_for', 'clientip', 'src_ip', 'c_ip', 'actor.ip_address', 'actor.session.ip_address'],
  user_agent: ['user_agent', 'userAgent', 'ua', 'http_user_agent', 'client_user_agent', 'actor.user_agent', 'actor.session.user_agent'],
  model: ['model', 'model_id', 'modelId', 'model_name', 'requestParameters.modelId', 'model_group', 'engine'],
  input_tokens: ['input_tokens', 'prompt_tokens', 'inputTokenCount', 'input.inputTokenCount', 'usage.input_tokens', 'usage.prompt_tokens', 'tokens_in', 'n_input_tokens'],
  output_tokens: ['output_tokens', 'completion_tokens', 'outputTokenCount', 'output.outputTokenCount', 'usage.output_tokens', 'usage.completion_tokens', 'tokens_out', 'n_output_tokens'],
  prompt: ['prompt', 'prompt_text', 'input.inputBodyJson.messages', 'input.inputBodyJson.prompt', 'input.inputBodyJson.inputText', 'messages', 'input', 'query', 'request_text', 'text', 'content'],
  prompt_sha256: ['prompt_sha256', 'prompt_hash', 'prompt_sha', 'prompt_digest'],
  device_id: ['device_id', 'deviceId', 'device', 'device_fingerprint', 'client_id'],
  tls_ja4: ['tls_ja4', 'ja4', 'ja3', 'ja3_hash', 'tls_fingerprint', 'tls_ja3'],
  asn: ['asn', 'as_number', 'autonomous_system', 'ip_asn', 'asn_number'],
  country: ['country', 'country_code', 'geo_country', 'ip_country', 'actor.session.ip_address_details.country'],
  status: ['status', 'status_code', 'http_status', 'response_status', 'errorCode'],
  endpoint: ['endpoint', 'path', 'route', 'api_route', 'url', 'call_type', 'operation', 'eventName'],
  temperature: ['temperature', 'input.inputBodyJson.temperature', 'input.inputBodyJson.inferenceConfig.temperature', 'inferenceConfig.temperature'],
  top_p: ['top_p', 'topP', 'input.inputBodyJson.top_p', 'input.inputBodyJson.inferenceConfig.topP'],
  max_tokens: ['max_tokens', 'max_output_tokens', 'max_tokens_to_sample', 'maxTokens', 'input.inputBodyJson.max_tokens', 'input.inputBodyJson.inferenceConfig.maxTokens'],
  // accounts
  created_at: ['created_at', 'createdAt', 'signup_at', 'signup_time', 'registered_at', 'created', 'creation_date'],
  email: ['email', 'email_address', 'mail', 'user_email', 'actor.email_address', 'actor.session.user.email'],
  payment_fingerprint: ['payment_fingerprint', 'card_fingerprint', 'payment_method_fingerprint', 'fingerprint'],
  card_bin: ['card_bin', 'bin', 'iin', 'card_iin'],
  card_country: ['card_country', 'issuer_country', 'card_issuer_country'],
  billing_country: ['billing_country', 'billing_country_code', 'country'],
  signup_ip: ['signup_ip', 'registration_ip', 'created_ip', 'ip', 'ip_address'],
  phone_hash: ['phone_hash', 'phone_sha256', 'phone', 'phone_number_hash'],
  org_id: ['org_id', 'organization_id', 'organisation_id', 'org', 'team_id'],
  signup_channel: ['signup_channel', 'channel', 'signup_source', 'acquisition_channel', 'program'],
};

/** Fields that say "this is a file of exchanges" / "of accounts" when present. */
export const KIND_EVIDENCE: Record<ImportKind, readonly string[]> = {
  exchanges: ['request_id', 'ts', 'model', 'input_tokens', 'output_tokens', 'prompt', 'prompt_sha256', 'user_agent', 'endpoint', 'api_key_id'],
  accounts: ['created_at', 'email', 'payment_fingerprint', 'card_bin', 'card_country', 'billing_country', 'signup_ip', 'phone_hash', 'signup_channel'],
};

export const columnKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
