// The last notice (run saved, a service error) in a corner; info notices go away by themselves,
// errors stay until dismissed.

import { useEffect } from 'react';
import { useApp, useCommands } from '../components/workbench.js';

const INFO_MS = 6000;

export function NoticeToast() {
  const commands = useCommands();
  const notice = useApp((s) => s.notice);
  useEffect(() => {
    if (notice?.kind !== 'info') return undefined;
    const timer = setTimeout(() => commands.execute('ui.dismissNotice'), INFO_MS);
    return () => clearTimeout(timer);
  }, [notice, commands]);
  if (notice === null) return null;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-notice-id={notice.id}>
      <span>{notice.text}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => commands.execute('ui.dismissNotice')}>×</button>
    </div>
  );
}
