// Manufactured solutions (method of manufactured solutions, Roache, "Code verification by the method
// of manufactured solutions", J. Fluids Eng. 124(1), 2002): smooth u, m chosen in advance; the
// potential V(t, x) and a density source S(t, x) are computed so that they solve
//   -u_t - nu u_xx + H(u_x) = lambda m + V,   m_t - nu m_xx - (m H_p(u_x))_x = S,
// written in the spec's own formula language so that the solver evaluates them like user formulas.
#pragma once

#include <cstdio>
#include <string>

namespace mfg::test {

struct Manufactured {
  std::string u, m;           // exact solution, in x and t
  std::string potential;      // V(t, x)
  std::string density_source; // S(t, x)
};

inline std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// u = A cos(a x)(1 - t/2), m = 1 + 0.5 trig(a x) e^{-t}; periodic: a = 2 pi, trig = sin; walls:
// a = pi, trig = cos (then u_x = m_x = 0 on the walls: no flux). H = |p|^q / q.
inline Manufactured manufactured(bool periodic, double q, double amplitude, double nu, double lambda) {
  const std::string a = periodic ? "(2*pi)" : "pi", A = number(amplitude), trig = periodic ? "sin" : "cos";
  const std::string wave = "(" + a + "*x)";
  Manufactured s;
  s.u = A + "*cos" + wave + "*(1-t/2)";
  const std::string ut = "(-" + A + "*cos" + wave + "/2)";
  const std::string ux = "(-" + A + "*" + a + "*sin" + wave + "*(1-t/2))";
  const std::string uxx = "(-" + A + "*" + a + "^2*cos" + wave + "*(1-t/2))";
  s.m = "(1+0.5*" + trig + wave + "*exp(-t))";
  const std::string mt = "(-0.5*" + trig + wave + "*exp(-t))";
  const std::string mx = periodic ? "(0.5*" + a + "*cos" + wave + "*exp(-t))" : "(-0.5*" + a + "*sin" + wave + "*exp(-t))";
  const std::string mxx = "(-0.5*" + a + "^2*" + trig + wave + "*exp(-t))";
  std::string h, hp, hpp;
  if (q == 2.0) {
    h = "(" + ux + "^2/2)", hp = ux, hpp = "1";
  } else {
    const std::string qs = number(q);
    h = "(abs(" + ux + ")^" + qs + "/" + qs + ")";
    hp = "(abs(" + ux + ")^(" + qs + "-2)*" + ux + ")";
    hpp = "((" + qs + "-1)*abs(" + ux + ")^(" + qs + "-2))";
  }
  const std::string ns = number(nu), ls = number(lambda);
  s.potential = "-" + ut + "-" + ns + "*" + uxx + "+" + h + "-" + ls + "*" + s.m;
  // (m H_p(u_x))_x = m_x H_p(u_x) + m H_p'(u_x) u_xx
  s.density_source = mt + "-" + ns + "*" + mxx + "-(" + mx + "*" + hp + "+" + s.m + "*" + hpp + "*" + uxx + ")";
  return s;
}

// The formula with the variable t replaced by a number (for u(T, x) and m(0, x)).
inline std::string at_time(const std::string& f, const std::string& value) {
  std::string out;
  auto is_name = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t i = 0; i < f.size(); ++i) {
    const bool lone_t = f[i] == 't' && (i == 0 || !is_name(f[i - 1])) && (i + 1 == f.size() || !is_name(f[i + 1]));
    out += lone_t ? "(" + value + ")" : std::string(1, f[i]);
  }
  return out;
}

}  // namespace mfg::test

namespace mfg::test {

// The manufactured solution in d dimensions, quadratic Hamiltonian:
//   u = A (1 - t/2) sum_d cos(a x_d),   m = 1 + 0.5 e^{-t} prod_d S(a x_d)
// with a = 2 pi, S = sin (periodic) or a = pi, S = cos (walls: u and m have zero normal derivative).
inline Manufactured manufactured_nd(int dim, bool periodic, double amplitude, double nu, double lambda) {
  static const char* const axes[] = {"x", "y", "z"};
  const std::string a = periodic ? "(2*pi)" : "pi", A = number(amplitude), trig = periodic ? "sin" : "cos";
  // d/dx S(a x) = a S'(a x): S' = cos for sin, -sin for cos (the sign goes in front).
  const std::string dtrig = periodic ? "cos" : "sin", dsign = periodic ? "" : "-";
  auto wave = [&](int d) { return "(" + a + "*" + axes[d] + ")"; };
  std::string sum_cos, prod, grad_dot, grad_sq;
  for (int d = 0; d < dim; ++d) {
    sum_cos += (d ? "+" : "") + std::string("cos") + wave(d);
    prod += (d ? "*" : "") + trig + wave(d);
  }
  const std::string decay = "0.5*exp(-t)";
  Manufactured s;
  s.u = A + "*(1-t/2)*(" + sum_cos + ")";
  s.m = "(1+" + decay + "*" + prod + ")";
  const std::string ut = "(-" + A + "/2*(" + sum_cos + "))";
  const std::string lap_u = "(-" + A + "*" + a + "^2*(1-t/2)*(" + sum_cos + "))";
  for (int d = 0; d < dim; ++d) {
    const std::string ud = "(-" + A + "*" + a + "*sin" + wave(d) + "*(1-t/2))";
    std::string md = dsign + decay + "*" + a + "*" + dtrig + wave(d);
    for (int e = 0; e < dim; ++e)
      if (e != d) md += "*" + trig + wave(e);
    grad_dot += (d ? "+" : "") + std::string("(") + md + ")*" + ud;
    grad_sq += (d ? "+" : "") + ud + "^2";
  }
  const std::string mt = "(-" + decay + "*" + prod + ")";
  const std::string lap_m = "(-" + number(double(dim)) + "*" + a + "^2*" + decay + "*" + prod + ")";
  const std::string ns = number(nu), ls = number(lambda);
  s.potential = "-" + ut + "-" + ns + "*" + lap_u + "+(" + grad_sq + ")/2-" + ls + "*" + s.m;
  // div(m grad u) = grad m . grad u + m lap u
  s.density_source = mt + "-" + ns + "*" + lap_m + "-(" + grad_dot + "+" + s.m + "*" + lap_u + ")";
  return s;
}

}  // namespace mfg::test
