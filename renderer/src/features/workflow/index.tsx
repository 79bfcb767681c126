// Renderer. The investigator's workflow components, for any feature to mount with small props:
// tags, notes, verdicts, merge/split, undo/redo and history, and the audit log view.
export { AuditView } from './audit-view';
export { HistoryList, UndoRedo } from './UndoRedo';
export { MergeSplit } from './MergeSplit';
export { NoteBody, NotesEditor } from './NotesEditor';
export { TagChip, TagEditor, TagPicker } from './TagPicker';
export { TagManager } from './TagManager';
export { VerdictButtons, verdictLabel } from './VerdictButtons';
export { markdownToSafeHtml } from './safe-markdown';
export { AccountWorkflow, ClusterWorkflow, SelectionWorkflow } from './slots';
