// Shared by every process. Channels of the investigator's workflow: tags, notes, verdicts,
// manual merge/split, undo/redo, and the audit log. Every write is undoable and audited.
import { z } from 'zod';
import { LIMITS } from '../limits';
import { channel } from './channel';
import { Empty, Id, Text } from './common';

const Ids = z.array(Id).max(LIMITS.maxList);
export const TargetKind = z.enum(['cluster', 'account']);
export const NoteKind = z.enum(['case', 'cluster', 'account']);
export const Verdict = z.enum(['confirmed_member', 'false_positive', 'needs_review']);
export type Verdict = z.infer<typeof Verdict>;
const Colour = z.string().regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
const TagName = z.string().trim().min(1).max(80);

export const TagInfo = z.object({ id: z.number().int(), name: z.string(), color: z.string(), description: z.string(), clusters: z.number().int(), accounts: z.number().int() });
export type TagInfo = z.infer<typeof TagInfo>;
export const Note = z.object({
  id: z.number().int(),
  targetKind: NoteKind,
  targetId: z.string(),
  format: z.enum(['text', 'markdown']),
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Note = z.infer<typeof Note>;
const Step = z.object({ seq: z.number().int(), label: z.string() }).nullable();
export const History = z.object({
  undo: Step,
  redo: Step,
  recent: z.array(z.object({ seq: z.number().int(), at: z.string(), kind: z.string(), label: z.string(), undone: z.boolean() })),
});
export type History = z.infer<typeof History>;
const ActionDone = z.object({ seq: z.number().int().nullable() });
const Int = z.number().int();
export const RegroupedWork = z.object({
  clusterId: z.string(),
  tags: z.array(z.string()),
  notes: Int,
  /** its accounts when it was regrouped (0 when not recorded) */
  accounts: Int,
  /** the current clusters holding its accounts, most first */
  now: z.array(z.object({ clusterId: z.string(), accounts: Int })),
  unclustered: Int,
  analysisId: Int.nullable(),
});
export type RegroupedWork = z.infer<typeof RegroupedWork>;
const UndoResult = z.object({ seq: z.number().int(), label: z.string(), stale: z.number().int() }).nullable();
export const AuditEntry = z.object({ seq: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), subject: z.string().nullable(), details: z.string(), prev_hash: z.string(), hash: z.string() });
export type AuditEntry = z.infer<typeof AuditEntry>;

/** investigator actions: queued behind a job's write instead of failing (see ChannelDef.writes) */
const WRITES = { writes: true };

export const workflowChannels = {
  'tags.list': channel('Every tag with how many clusters and accounts carry it.', Empty, z.array(TagInfo)),
  'tags.save': channel(
    'Create or update a tag (rename with `rename`).',
    z.object({ name: TagName, color: Colour.optional(), description: Text.optional(), rename: TagName.optional() }).strict(),
    ActionDone,
    WRITES,
  ),
  'tags.delete': channel('Delete a tag and remove it from everything it was on.', z.object({ name: TagName }).strict(), ActionDone, WRITES),
  'tags.apply': channel(
    'Tag (on) or untag (off) many clusters or accounts at once; the tag is created when new.',
    z.object({ tag: TagName, kind: TargetKind, ids: Ids.min(1), on: z.boolean(), color: Colour.optional() }).strict(),
    ActionDone.extend({ changed: z.number().int() }),
    WRITES,
  ),
  'tags.of': channel('Tag names of some clusters or accounts.', z.object({ kind: TargetKind, ids: Ids }).strict(), z.record(z.string(), z.array(z.string()))),
  'notes.list': channel('Notes on the case, a cluster or an account, oldest first.', z.object({ kind: NoteKind, id: z.string().max(512) }).strict(), z.array(Note)),
  'notes.save': channel(
    'Add a note (without id) or edit one (with id). Markdown is shown safely, never as raw HTML.',
    z.object({ id: z.number().int().optional(), kind: NoteKind, targetId: z.string().max(512), format: z.enum(['text', 'markdown']), body: Text }).strict(),
    ActionDone.extend({ note: Note }),
    WRITES,
  ),
  'notes.delete': channel('Delete a note.', z.object({ id: z.number().int() }).strict(), ActionDone, WRITES),
  'verdicts.set': channel(
    'Give accounts a verdict (or clear it with null). A false positive leaves its cluster and is never pulled back in.',
    z.object({ accountIds: Ids.min(1), verdict: Verdict.nullable(), clusterId: Id.optional() }).strict(),
    ActionDone,
    WRITES,
  ),
  'verdicts.of': channel('Verdicts of some accounts (accounts without one are left out).', z.object({ accountIds: Ids }).strict(), z.record(z.string(), Verdict)),
  'clusters.merge': channel(
    'Merge clusters into one (the first listed, or `into`). Survives re-analysis.',
    z.object({ clusterIds: Ids.min(2), into: Id.optional() }).strict(),
    ActionDone.extend({ clusterId: z.string() }),
    WRITES,
  ),
  'clusters.split': channel(
    'Move some accounts of a cluster into a new cluster. Survives re-analysis.',
    z.object({ clusterId: Id, accountIds: Ids.min(1) }).strict(),
    ActionDone.extend({ clusterId: z.string() }),
    WRITES,
  ),
  'clusters.regrouped': channel(
    'Tags and notes left on clusters that a later analysis regrouped (their ids are gone), with where their accounts went.',
    Empty,
    z.array(RegroupedWork),
  ),
  'clusters.carryOver': channel(
    'Move the tags and notes of a regrouped cluster onto a current cluster (undoable).',
    z.object({ from: Id, to: Id }).strict(),
    ActionDone.extend({ tags: Int, notes: Int }),
    WRITES,
  ),
  'workflow.undo': channel('Undo the last investigator action (null when there is none).', Empty, UndoResult, WRITES),
  'workflow.redo': channel('Redo the last undone action (null when there is none).', Empty, UndoResult, WRITES),
  'workflow.history': channel('What undo and redo would do, and the recent actions.', Empty, History),
  'audit.list': channel(
    'Audit log entries, newest first, with whether the whole chain verifies.',
    z.object({ beforeSeq: z.number().int().optional(), limit: z.number().int().min(1).max(1000).default(200), subject: z.string().max(600).optional() }).strict(),
    z.object({ entries: z.array(AuditEntry), total: z.number().int(), intact: z.boolean(), problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })) }),
  ),
};
