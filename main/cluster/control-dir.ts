// The folder of the OpenSSH ControlMaster sockets (/tmp/mfgw-ssh-<uid>). Whoever can put a socket
// there, or swap the folder for a link, can answer our ssh commands in the cluster's place, so it
// must be ours, a real directory and private (0700) before any ssh runs with it. One made by
// another user is refused (we cannot take it over in a shared /tmp); one of ours that is a link,
// a file or open to others is removed and made again, empty and private.

import { lstat, mkdir, rm } from 'node:fs/promises';
import { appError, err, ok, type Result } from '../../app/contract/index.js';

async function entry(dir: string) {
  return lstat(dir).catch(() => undefined);
}

async function makePrivate(dir: string): Promise<void> {
  await mkdir(dir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

/** The checked folder, or why it cannot be used (with what to do). */
export async function privateControlDirectory(dir: string, uid: number | undefined = process.getuid?.()): Promise<Result<string>> {
  try {
    await makePrivate(dir);
    let found = await entry(dir);
    if (uid === undefined) return ok(dir); // Windows: no uids or modes to check
    if (found !== undefined && found.uid !== uid) {
      return err(appError('unauthorized', `the ssh control folder ${dir} belongs to uid ${found.uid}, not to you (uid ${uid}): another user could answer your ssh connections. ` +
        'Ask them or an admin to remove it, or set TMPDIR to a private folder'));
    }
    const wrong = found === undefined || found.isSymbolicLink() || !found.isDirectory() || (found.mode & 0o077) !== 0;
    if (wrong) {
      await rm(dir, { recursive: true, force: true });
      await makePrivate(dir);
      found = await entry(dir);
    }
    if (found === undefined || !found.isDirectory() || found.uid !== uid || (found.mode & 0o077) !== 0) {
      return err(appError('io', `could not make the ssh control folder ${dir} private (a directory of yours, mode 0700); set TMPDIR to a private folder`));
    }
    return ok(dir);
  } catch (error) {
    return err(appError('io', `could not prepare the ssh control folder ${dir}: ${(error as Error).message}; set TMPDIR to a private folder`));
  }
}
