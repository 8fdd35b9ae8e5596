// Tests have no timing thresholds: a test, hook or child process a test starts may take as long as
// the real work takes on a loaded machine (two cores shared with builds and browsers). The only
// limit is this guard against a hang, the same everywhere, so that a stuck test still ends the run
// with a failure that names it. Never lower it for one test: a test that fails because the machine
// is busy is a defect (issue 11).
export const HANG_GUARD_MS = 15 * 60_000;
