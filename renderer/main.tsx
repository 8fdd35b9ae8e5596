// Entry point: the store, the commands and playback start at once (the UI shows "connecting");
// the session starts when the transport is open (Electron IPC or the browser mode's WebSocket).

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createCommands } from './commands/commands.js';
import type { CommandContext } from './commands/registry.js';
import { connect } from './data/connect.js';
import { createServices } from './data/services.js';
import { Session } from './data/session.js';
import { installAutomation } from './export/automation.js';
import { startPlayback } from './state/playback.js';
import { createAppStore } from './state/store.js';
import './styles.css';

const store = createAppStore();
const context: CommandContext = { store, session: null };
const commands = createCommands(context);
startPlayback(store);

const element = document.getElementById('root');
if (element === null) throw new Error('index.html has no #root element');
const root = createRoot(element);
const render = (session: Session | null): void => {
  root.render(<StrictMode><App workbench={{ store, commands, session }} /></StrictMode>);
};
render(null);

const connection = await connect();
if (!connection.ok) {
  store.setState({ connection: 'closed', connectionMessage: connection.error.message });
} else {
  const session = new Session(store, createServices(connection.value.client));
  connection.value.onClose((reason) => store.setState({ connection: 'closed', connectionMessage: `${reason}; reload the page to reconnect` }));
  context.session = session;
  store.setState({ connection: 'open' });
  render(session);
  installAutomation(store, session);
  await session.start(commands);
}
