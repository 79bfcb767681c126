// Engine. Handlers for the workflow channels: thin calls into engine/workflow, then a 'workflow'
// case event so every open view refreshes.
import { readAuditPage, verifyCaseAudit } from '../audit/audit-log';
import type { EngineContext } from '../engine-context';
import { history, recentActions, redo, undo } from '../workflow/actions';
import { mergeClusters, splitCluster } from '../workflow/cluster-edit';
import { deleteNote, listNotes, saveNote } from '../workflow/notes';
import { carryOver, regroupedWork } from '../workflow/regrouped';
import { deleteTag, listTags, saveTag, setTagged, tagsOf } from '../workflow/tags';
import { setVerdicts, verdictsOf } from '../workflow/verdicts';
import type { HandlerMap } from './types';

function changed<T>(ctx: EngineContext, value: T): T {
  ctx.emit({ type: 'case', change: 'workflow' });
  return value;
}

export const workflowHandlers: HandlerMap<
  | 'tags.list'
  | 'tags.save'
  | 'tags.delete'
  | 'tags.apply'
  | 'tags.of'
  | 'notes.list'
  | 'notes.save'
  | 'notes.delete'
  | 'verdicts.set'
  | 'verdicts.of'
  | 'clusters.merge'
  | 'clusters.split'
  | 'clusters.regrouped'
  | 'clusters.carryOver'
  | 'workflow.undo'
  | 'workflow.redo'
  | 'workflow.history'
  | 'audit.list'
> = {
  'tags.list': (_req, ctx) => listTags(ctx.session().db),
  'tags.save': (req, ctx) => {
    const r = saveTag(ctx.session().db, {
      name: req.name,
      ...(req.color !== undefined ? { color: req.color } : {}),
      ...(req.description !== undefined ? { description: req.description } : {}),
      ...(req.rename !== undefined ? { rename: req.rename } : {}),
    });
    return changed(ctx, { seq: r.seq });
  },
  'tags.delete': (req, ctx) => changed(ctx, { seq: deleteTag(ctx.session().db, req.name).seq }),
  'tags.apply': (req, ctx) => {
    const r = setTagged(ctx.session().db, { tag: req.tag, kind: req.kind, ids: req.ids, on: req.on, ...(req.color ? { color: req.color } : {}) });
    return changed(ctx, { seq: r.seq, changed: r.value.changed });
  },
  'tags.of': (req, ctx) => tagsOf(ctx.session().db, req.kind, req.ids),
  'notes.list': (req, ctx) => listNotes(ctx.session().db, req.kind, req.id),
  'notes.save': (req, ctx) => {
    const r = saveNote(ctx.session().db, { ...(req.id !== undefined ? { id: req.id } : {}), targetKind: req.kind, targetId: req.targetId, format: req.format, body: req.body });
    return changed(ctx, { seq: r.seq, note: r.value });
  },
  'notes.delete': (req, ctx) => changed(ctx, { seq: deleteNote(ctx.session().db, req.id).seq }),
  'verdicts.set': (req, ctx) => changed(ctx, { seq: setVerdicts(ctx.session().db, { accountIds: req.accountIds, verdict: req.verdict, clusterId: req.clusterId ?? null }).seq }),
  'verdicts.of': (req, ctx) => verdictsOf(ctx.session().db, req.accountIds),
  'clusters.merge': (req, ctx) => {
    const r = mergeClusters(ctx.session().db, { clusterIds: req.clusterIds, ...(req.into ? { into: req.into } : {}) });
    return changed(ctx, { seq: r.seq, clusterId: r.value.clusterId });
  },
  'clusters.split': (req, ctx) => {
    const r = splitCluster(ctx.session().db, { clusterId: req.clusterId, accountIds: req.accountIds });
    return changed(ctx, { seq: r.seq, clusterId: r.value.clusterId });
  },
  'clusters.regrouped': (_req, ctx) => regroupedWork(ctx.session().db),
  'clusters.carryOver': (req, ctx) => {
    const r = carryOver(ctx.session().db, { from: req.from, to: req.to });
    return changed(ctx, { seq: r.seq, ...r.value });
  },
  'workflow.undo': (_req, ctx) => changed(ctx, undo(ctx.session().db)),
  'workflow.redo': (_req, ctx) => changed(ctx, redo(ctx.session().db)),
  'workflow.history': (_req, ctx) => {
    const db = ctx.session().db;
    return { ...history(db), recent: recentActions(db, 50) };
  },
  'audit.list': (req, ctx) => {
    const db = ctx.session().db;
    const v = verifyCaseAudit(db);
    const entries = readAuditPage(db, { limit: req.limit, ...(req.beforeSeq !== undefined ? { beforeSeq: req.beforeSeq } : {}), ...(req.subject ? { subject: req.subject } : {}) });
    return { entries, total: v.entries, intact: v.ok, problems: v.problems };
  },
};
