// GLSL 3 (WebGL2) ray marcher for a Data3DTexture, after Krüger and Westermann, "Acceleration
// Techniques for GPU-based Volume Rendering" (IEEE Visualization 2003) and Engel et al., Real-Time
// Volume Graphics (2006): the back faces of the volume's box are rasterised, each fragment casts a
// ray from the camera, clips it to the box with the slab test (Kay and Kajiya, SIGGRAPH 1986), and
// samples it at a fixed step. Modes: front-to-back compositing through a transfer-function table
// (with opacity correction for the step length), maximum intensity projection, and the first
// crossing of an isosurface (refined by bisection, shaded by the gradient as normal).
//
// Texture values are normalised to [0, 1] on the CPU; obstacle cells hold -1 (see volume-texture.ts).

export const VOLUME_VERTEX = /* glsl */ `
out vec3 vTexCoord;
void main() {
  vTexCoord = position + 0.5;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}
`;

export const VOLUME_FRAGMENT = /* glsl */ `
precision highp float;
precision highp sampler3D;
uniform sampler3D uVolume;
uniform sampler2D uTransfer;
uniform vec3 uCamera;
uniform vec3 uTexel;
uniform int uSteps;
uniform int uMode;
uniform float uIso;
uniform bool uShowSolid;
in vec3 vTexCoord;
out vec4 outColor;

const float SOLID_BELOW = -0.5;
const vec3 SOLID_RGB = vec3(0.45, 0.47, 0.5);
// Opacities of the transfer function are per 1/64 of the box diagonal (the result does not
// depend on the step count, only its accuracy does).
const float REFERENCE_STEP = 1.7320508 / 64.0;

vec2 hitBox(vec3 origin, vec3 dir) {
  vec3 inverse = 1.0 / dir;
  vec3 t0 = (vec3(0.0) - origin) * inverse;
  vec3 t1 = (vec3(1.0) - origin) * inverse;
  vec3 near = min(t0, t1);
  vec3 far = max(t0, t1);
  return vec2(max(max(near.x, near.y), near.z), min(min(far.x, far.y), far.z));
}

float valueAt(vec3 p) { return texture(uVolume, p).r; }

vec3 normalAt(vec3 p) {
  vec3 g = vec3(
    valueAt(p + vec3(uTexel.x, 0.0, 0.0)) - valueAt(p - vec3(uTexel.x, 0.0, 0.0)),
    valueAt(p + vec3(0.0, uTexel.y, 0.0)) - valueAt(p - vec3(0.0, uTexel.y, 0.0)),
    valueAt(p + vec3(0.0, 0.0, uTexel.z)) - valueAt(p - vec3(0.0, 0.0, uTexel.z)));
  float len = length(g);
  return len > 1e-6 ? -g / len : vec3(0.0, 0.0, 1.0);
}

vec4 shade(vec3 rgb, vec3 p, vec3 dir) {
  float light = 0.3 + 0.7 * abs(dot(normalAt(p), dir));
  return vec4(rgb * light, 1.0);
}

void main() {
  vec3 dir = normalize(vTexCoord - uCamera);
  vec2 hit = hitBox(uCamera, dir);
  float tNear = max(hit.x, 0.0);
  float tFar = hit.y;
  if (tFar <= tNear) discard;
  float dt = 1.7320508 / float(uSteps);
  float correction = dt / REFERENCE_STEP;
  vec4 acc = vec4(0.0);
  float maxValue = -1.0;
  float previousT = tNear;
  for (int k = 0; k < 4096; k++) {
    float t = tNear + (float(k) + 0.5) * dt;
    if (k >= uSteps || t > tFar) break;
    vec3 p = uCamera + t * dir;
    float v = valueAt(p);
    if (v < SOLID_BELOW) {
      if (!uShowSolid) continue;
      if (uMode == 2) { acc = shade(SOLID_RGB, p, dir); break; }
      float a = 1.0 - pow(1.0 - 0.35, correction);
      acc.rgb += (1.0 - acc.a) * a * SOLID_RGB;
      acc.a += (1.0 - acc.a) * a;
      if (acc.a > 0.98) break;
      continue;
    }
    v = max(v, 0.0);
    if (uMode == 0) {
      vec4 c = texture(uTransfer, vec2(v, 0.5));
      float a = 1.0 - pow(1.0 - c.a, correction);
      acc.rgb += (1.0 - acc.a) * a * c.rgb;
      acc.a += (1.0 - acc.a) * a;
      if (acc.a > 0.98) break;
    } else if (uMode == 1) {
      maxValue = max(maxValue, v);
    } else if (v >= uIso) {
      // Bisection between the last sample below the level and this one.
      float lo = previousT;
      float hi = t;
      for (int r = 0; r < 5; r++) {
        float mid = 0.5 * (lo + hi);
        if (valueAt(uCamera + mid * dir) >= uIso) hi = mid; else lo = mid;
      }
      vec3 q = uCamera + hi * dir;
      acc = shade(texture(uTransfer, vec2(uIso, 0.5)).rgb, q, dir);
      break;
    }
    previousT = t;
  }
  if (uMode == 1) {
    if (maxValue < 0.0) { outColor = acc; return; }
    vec3 rgb = texture(uTransfer, vec2(maxValue, 0.5)).rgb;
    outColor = vec4(rgb * (1.0 - acc.a) + acc.rgb, 1.0);
    return;
  }
  outColor = acc;
}
`;
