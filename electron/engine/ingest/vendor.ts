// Engine. Vendor log formats recognised from a record's shape: AWS Bedrock model-invocation logs,
// CloudTrail, LiteLLM spend logs, OpenAI and Anthropic organisation audit logs. Recognition names
// the format (provenance) and adds the vendor's fall-back columns; the columns themselves are
// mapped like any other export's (see fields.ts synonyms). Pure.

export type Vendor = 'bedrock' | 'cloudtrail' | 'litellm' | 'openai-audit' | 'anthropic-audit';

export function detectVendor(rec: Record<string, unknown>): Vendor | null {
  if (rec.schemaType === 'ModelInvocationLog') return 'bedrock';
  if ('eventSource' in rec && 'eventName' in rec && ('userIdentity' in rec || 'eventVersion' in rec)) return 'cloudtrail';
  if ('requester_ip_address' in rec || ('spend' in rec && ('startTime' in rec || 'api_key' in rec)) || 'litellm_call_id' in rec) return 'litellm';
  if (rec.object === 'organization.audit_log') return 'openai-audit';
  if ('actor' in rec && 'organization_id' in rec && 'type' in rec) return 'anthropic-audit';
  return null;
}

/** Columns tried, in order, when the mapped column of a field is empty in a row. */
export const FALLBACKS: Record<string, readonly string[]> = {
  account_id: ['end_user', 'userIdentity.accountId', 'recipientAccountId', 'actor.api_key.id', 'api_key', 'identity.arn', 'userIdentity.arn'],
  ip: ['requester_ip_address', 'x_forwarded_for'],
  ts: ['endTime', 'eventTime', '@timestamp'],
};
