// zod's issues as one line in the house style ("path: expected X, received Y"), for messages that
// cross to the UI and the CLI.

import type { z } from 'zod';

export function zodIssues(error: z.ZodError, limit = 4): string {
  return error.issues.slice(0, limit).map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`)).join('; ');
}
