// The Help panel (F1 or ?): the PDE system the solver discretises, its conventions (read from
// native/models/mfg: discretization.hpp, hamiltonian.hpp, coupling.hpp), the formula language of
// the formula fields (from the contract's tables) and every keyboard shortcut (from the command
// registry, so the list cannot go stale).

import { useModalDialog } from '../components/use-modal-dialog.js';
import { FORMULA_CONSTANTS, FORMULA_FUNCTIONS } from '../../app/contract/index.js';
import { describeBinding } from '../commands/keymap.js';
import { useApp, useCommands } from '../components/workbench.js';

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function Equations() {
  return (
    <section aria-labelledby="help-equations">
      <h3 id="help-equations">The equations</h3>
      <p>A mean field game on a domain Ω ⊂ ℝ<sup>d</sup> (d = 1, 2, 3) over 0 ≤ t ≤ T:</p>
      <pre className="help-math">{`−∂u/∂t − ν Δu + H(∇u) = f(m) + V(t, x)      (Hamilton-Jacobi-Bellman, backward)
 ∂m/∂t − ν Δm − div(m ∇ₚH(∇u)) = 0          (Fokker-Planck, forward)
 u(T, x) = g(x),   m(0, x) = m₀(x) / ∫ m₀`}</pre>
      <ul>
        <li><strong>Viscosity ν multiplies the Laplacian</strong>: ν = σ²/2 for agents driven by σ dW (ν = 0: no noise).</li>
        <li>Hamiltonian H(p) = |p|²/2 (quadratic) or |p|<sup>q</sup>/q (power); with a speed cap, H continues linearly once |∇ₚH| reaches the cap. The optimal velocity is v = −∇ₚH(∇u).</li>
        <li>Coupling f(m) = λ m<sup>β</sup> (congestion), λ log m (logarithmic) or 0; V is the potential, g the terminal cost.</li>
        <li>Boundaries per side: <em>wall</em> (no flux: ∂u/∂n = 0 and no mass crosses), <em>periodic</em> (both sides of an axis), <em>exit</em> (u = g<sub>exit</sub> on the face, mass that reaches it leaves). Obstacle cells are walls for both equations.</li>
        <li>Discretisation: Achdou and Capuzzo-Dolcetta (SIAM J. Numer. Anal. 2010): cell-centred finite differences, a monotone upwind numerical Hamiltonian, implicit Euler in time; the Fokker-Planck operator is the transpose of the linearised HJB operator, so mass is conserved to round-off and m ≥ 0. Residuals are scaled by dt (see the convergence view).</li>
      </ul>
    </section>
  );
}

function Formulas() {
  const functions = Object.entries(FORMULA_FUNCTIONS).map(([name, { minArgs, maxArgs }]) => {
    const args = maxArgs === Number.POSITIVE_INFINITY ? 'a, b, …' : Array.from({ length: minArgs }, (_, i) => 'abc'[i]).join(', ');
    return `${name}(${args})`;
  });
  return (
    <section aria-labelledby="help-formulas">
      <h3 id="help-formulas">Formulas</h3>
      <p>Initial density, costs, potential and obstacle are formulas in x (and y, z in 2D/3D; t in the potential):</p>
      <ul>
        <li>Operators: + − * / ^ (power), comparisons &lt; &lt;= &gt; &gt;= == != (1 when true, 0 when false), parentheses.</li>
        <li>Functions: <code>{functions.join('  ')}</code>; <code>if(c, a, b)</code> is a when c ≠ 0, else b.</li>
        <li>Constants: <code>{Object.keys(FORMULA_CONSTANTS).join(', ')}</code>. Numbers like 2, 0.5, 1e-3.</li>
        <li>Examples: <code>exp(-40*((x-0.25)^2 + (y-0.5)^2))</code>; an obstacle <code>(x-0.5)^2 + (y-0.5)^2 &lt; 0.01</code> (cells where it is non-zero are solid).</li>
      </ul>
    </section>
  );
}

function Shortcuts() {
  const commands = useCommands();
  const rows = Object.values(commands.commands).filter((command) => (command.keys ?? []).length > 0);
  return (
    <section aria-labelledby="help-shortcuts">
      <h3 id="help-shortcuts">Keyboard shortcuts</h3>
      <table className="help-shortcuts">
        <tbody>
          {rows.map((command) => (
            <tr key={command.id}><td>{(command.keys ?? []).map((key) => describeBinding(key, mac)).join(' or ')}</td><td>{command.label}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function HelpDialog() {
  const open = useApp((s) => s.helpOpen);
  const commands = useCommands();
  const dialog = useModalDialog(open);
  return (
    <dialog ref={dialog} className="help-dialog" aria-labelledby="help-title" onClose={() => commands.execute('help.close')}>
      <div className="help-head">
        <h2 id="help-title">Help</h2>
        <button type="button" onClick={() => commands.execute('help.close')} autoFocus>Close</button>
      </div>
      {open && <><Equations /><Formulas /><Shortcuts /></>}
      <p className="muted">More: docs/spec.md (specs and formulas), docs/views.md, docs/export.md in the repository.</p>
    </dialog>
  );
}
