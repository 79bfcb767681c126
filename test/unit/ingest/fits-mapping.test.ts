// Which mapping a file after the first takes (shared/log-files.ts fitsMapping): the app's mapping
// step says it for the files it looks at, the engine applies it to every file of a folder.
import { expect, it } from 'vitest';
import { fitsMapping } from '../../../electron/shared/log-files';

const mapping = { account_id: 'user', ts: 'time', model: 'requestParameters.modelId' };

it('a file of the same kind with every mapped column fits; another kind or a missing column does not', () => {
  expect(fitsMapping({ kind: 'exchanges', columns: ['user', 'time', 'requestParameters.modelId', 'extra'] }, 'exchanges', mapping)).toBe(true);
  expect(fitsMapping({ kind: 'accounts', columns: ['user', 'time', 'requestParameters.modelId'] }, 'exchanges', mapping)).toBe(false);
  expect(fitsMapping({ kind: 'exchanges', columns: ['user', 'time'] }, 'exchanges', mapping)).toBe(false);
  // an unmapped field ('') asks for no column
  expect(fitsMapping({ kind: 'exchanges', columns: ['user', 'time'] }, 'exchanges', { account_id: 'user', ts: 'time', model: '' })).toBe(true);
});

it("a file whose own detected mapping is this one fits, though its first rows lack a vendor's column", () => {
  const trail = { kind: 'exchanges', columns: ['user', 'time'] };
  expect(fitsMapping({ ...trail, mapping: { ...mapping } }, 'exchanges', mapping)).toBe(true);
  expect(fitsMapping({ ...trail, mapping: { ...mapping, ip: 'sourceIPAddress' } }, 'exchanges', mapping)).toBe(false);
  expect(fitsMapping({ ...trail, kind: 'accounts', mapping: { ...mapping } }, 'exchanges', mapping)).toBe(false);
});
