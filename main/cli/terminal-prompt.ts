// Asks one question on the terminal (keyboard-interactive rounds: passwords, one-time codes). Hidden
// answers are read in raw mode and never echoed; without a terminal one line is read from stdin, so
// a script can pipe an answer in. Answers are returned to the caller and never stored.

import { createInterface } from 'node:readline';

export function terminalPrompt(question: string, hidden: boolean): Promise<string | undefined> {
  process.stderr.write(question);
  const stdin = process.stdin;
  if (!stdin.isTTY) return readOneLine();
  return new Promise((resolve) => {
    let answer = '';
    const finish = (value: string | undefined): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(answer);
        if (char === '\u0003' || char === '\u0004') return finish(undefined); // Ctrl-C, Ctrl-D: give up
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1);
        else {
          answer += char;
          if (!hidden) process.stderr.write(char);
        }
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

function readOneLine(): Promise<string | undefined> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
    lines.once('close', () => resolve(undefined));
  });
}
