// Engine. Every migration, in order. Append only.
import { migration001 } from './001-case';
import { migration002 } from './002-linkage';
import { migration003 } from './003-workflow';
import { migration004 } from './004-aggregates';
import { migration005 } from './005-graph-cache';
import { migration006 } from './006-account-value-sets';
import { migration007 } from './007-value-holders';
import { migration008 } from './008-aggregate-totals';
import { migration009 } from './009-import-times';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009];
export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
