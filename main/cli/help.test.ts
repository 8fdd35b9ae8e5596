// The top-level `mfgw --help` is the one page a new user reads: every command and every cluster
// verb that exists must be on it (it once lacked `cluster detect`); and docs say what the code does.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../app/contract/index.js';
import { localRunName } from '../cluster/results.js';
import { repositoryRoot } from '../paths.js';
import { CLUSTER_HELP } from './cluster-command.js';
import { MFGW_HELP } from './run.js';

describe('mfgw --help', () => {
  it('lists every cluster verb the cluster command accepts', () => {
    const verbs = [...CLUSTER_HELP.matchAll(/mfgw cluster ([a-z]+)/g)].map((match) => match[1]);
    expect(verbs).toEqual(expect.arrayContaining(['add', 'list', 'remove', 'connect', 'detect']));
    const listed = /mfgw cluster ([a-z|]+)/.exec(MFGW_HELP)?.[1]?.split('|') ?? [];
    expect([...new Set(verbs)].sort()).toEqual([...listed].sort());
  });
});

describe('docs/clusters.md', () => {
  it('names fetched run folders as the code names them', () => {
    const docs = readFileSync(path.join(repositoryRoot(), 'docs', 'clusters.md'), 'utf8');
    const example = /job `(job-[0-9a-f-]+)` named "([^"]+)" gives `([^`]+)`/.exec(docs);
    expect(example, 'the worked example of a fetched run folder name').not.toBeNull();
    const [, id, name, folder] = example as RegExpExecArray;
    expect(localRunName({ id, name } as JobRecord, 0)).toBe(folder);
  });
});
