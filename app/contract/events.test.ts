import { describe, expect, it } from 'vitest';
import { parseConvergenceCsv, parseCsvNumber } from './convergence.js';
import { parseProgressLine } from './events.js';

describe('progress lines', () => {
  it('reads the three documented events', () => {
    const lines = [
      '{"event":"start","cells":100,"time_levels":101,"threads":1,"method":"newton"}',
      '{"event":"iteration","iteration":1,"phase":"warmup","residual_hjb":0.1,"residual_fp":0.2,"residual":0.2,"change":1,"elapsed_s":0.001}',
      '{"event":"summary","status":"converged","iterations":6,"residual":3.1e-13,"elapsed_s":0.01,"out":"RUN_DIR"}',
    ];
    const events = lines.map(parseProgressLine);
    expect(events.map((e) => e.ok && e.event.event)).toEqual(['start', 'iteration', 'summary']);
    const summary = events[2];
    expect(summary?.ok && summary.event.event === 'summary' && summary.event.status).toBe('converged');
  });

  it('keeps unknown keys and accepts null residuals (NaN on the solver side)', () => {
    const line = '{"event":"iteration","iteration":3,"phase":"newton","residual_hjb":null,"residual_fp":null,"residual":null,"change":null,"elapsed_s":0.5,"linear_iterations":12,"rank":0}';
    const result = parseProgressLine(line);
    expect(result).toMatchObject({ ok: true, event: { residual: null, linear_iterations: 12, rank: 0 } });
  });

  it('reports an unknown event, a missing field and a line that is not JSON as issues', () => {
    expect(parseProgressLine('{"event":"finish"}')).toEqual({
      ok: false, issues: [{ path: 'event', message: `expected an event 'start', 'iteration' or 'summary', received "finish"` }],
    });
    const missing = parseProgressLine('{"event":"summary","status":"converged","iterations":6,"residual":1,"elapsed_s":1}');
    expect(!missing.ok && missing.issues.map((issue) => issue.path)).toEqual(['out']);
    const garbage = parseProgressLine('Segmentation fault');
    expect(!garbage.ok && garbage.issues[0]?.message).toBe('expected a JSON object, received "Segmentation fault"');
  });
});

describe('convergence.csv', () => {
  const header = 'iteration,phase,residual_hjb,residual_fp,residual,change,elapsed_s,linear_iterations';

  it('reads rows by header name, including nan and inf as printed by C', () => {
    const text = `${header}\n1,warmup,0.5,0.25,0.5,1,0.001,0\n2,newton,nan,inf,-inf,1e-3,0.002,7\n`;
    const result = parseConvergenceCsv(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows).toHaveLength(2);
    expect(result.rows[0]).toEqual({
      iteration: 1, phase: 'warmup', residual_hjb: 0.5, residual_fp: 0.25, residual: 0.5, change: 1, elapsed_s: 0.001, linear_iterations: 0,
    });
    expect(result.rows[1]?.residual_hjb).toBeNaN();
    expect(result.rows[1]?.residual_fp).toBe(Number.POSITIVE_INFINITY);
    expect(result.rows[1]?.residual).toBe(Number.NEGATIVE_INFINITY);
  });

  it('tolerates extra and reordered columns and Windows line ends', () => {
    const text = 'phase,iteration,extra,residual_hjb,residual_fp,residual,change,elapsed_s,linear_iterations\r\npicard,4,x,1,1,1,1,1,0\r\n';
    const result = parseConvergenceCsv(text);
    expect(result.ok && result.rows[0]).toMatchObject({ iteration: 4, phase: 'picard', extra: 'x' });
  });

  it('names the line and column of a bad cell, and missing columns', () => {
    expect(parseConvergenceCsv(`${header}\n1,warmup,abc,1,1,1,1,0`)).toEqual({
      ok: false, issues: [{ path: 'line.2.residual_hjb', message: 'expected a number, received "abc"' }],
    });
    expect(parseConvergenceCsv(`${header}\n1,sprint,1,1,1,1,1,0`)).toMatchObject({ ok: false, issues: [{ path: 'line.2.phase' }] });
    expect(parseConvergenceCsv('iteration,phase\n')).toMatchObject({ ok: false, issues: [{ path: 'line.1' }] });
  });

  it('parses numbers strictly', () => {
    expect(parseCsvNumber(' 2.5e-3 ')).toBe(0.0025);
    expect(parseCsvNumber('')).toBeUndefined();
    expect(parseCsvNumber('0x10')).toBeUndefined();
  });
});
