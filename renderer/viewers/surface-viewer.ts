// 3D surface of one field over (x, t) in three.js, with orbit controls. Rendering is on demand
// (a change of data, cursor, colormap, camera or size), never a continuous loop: software WebGL
// (SwiftShader) is slow, and an idle app should not draw. The mesh is built once per solution and
// updated in place for a colormap change; the time cursor is a line on the surface.

import {
  AmbientLight, BufferAttribute, BufferGeometry, CanvasTexture, Color, DirectionalLight, DoubleSide, Group, Line,
  LineBasicMaterial, LineSegments, Mesh, MeshLambertMaterial, PerspectiveCamera, Raycaster, Scene, Sprite, SpriteMaterial,
  Vector2, WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { colormapIndex, colormapRgba, type ColormapName } from '../model/colormaps.js';
import { formatNumber } from '../model/format.js';
import { nearestLevel } from '../model/time-cursor.js';
import { FIELD_LABELS, shownField, valueAt, type FieldName, type ShownField } from '../data/shown-fields.js';
import { settingsOf } from '../state/store.js';
import type { FrameRenderer, Viewer, ViewerContext, ViewerElements } from './canvas-viewer.js';

/** Vertices per axis at most: enough for a smooth surface, cheap for software WebGL. */
const MAX_SAMPLES = 160;
/** Height of the surface relative to the unit square of (x, t). */
const HEIGHT = 0.6;

interface Built {
  readonly slice: object;
  readonly colormap: ColormapName;
  readonly data: ShownField;
  readonly mesh: Mesh;
  readonly cols: readonly number[];
  readonly rows: readonly number[];
  readonly lo: number;
  readonly hi: number;
}

export class SurfaceViewer implements Viewer, FrameRenderer {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(40, 1, 0.01, 100);
  private readonly controls: OrbitControls;
  private readonly content = new Group();
  private readonly cursorLine: Line;
  private readonly raycaster = new Raycaster();
  private built: Built | undefined;
  private frame: number | undefined;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly elements: ViewerElements, private readonly context: ViewerContext, private readonly field: FieldName) {
    // Throws when WebGL cannot start; the host shows why instead of the view.
    this.renderer = new WebGLRenderer({ canvas: elements.canvas, antialias: false, preserveDrawingBuffer: true });
    this.renderer.setClearColor(new Color('#ffffff'));
    this.scene.add(new AmbientLight(0xffffff, 1.6), this.keyLight(), this.content, this.axes());
    this.cursorLine = new Line(new BufferGeometry(), new LineBasicMaterial({ color: '#d6336c', linewidth: 2 }));
    this.scene.add(this.cursorLine);
    this.camera.position.set(1.25, 1.05, 1.55);
    this.controls = new OrbitControls(this.camera, elements.canvas);
    this.controls.target.set(0, HEIGHT / 3, 0);
    this.controls.enableDamping = false;
    this.controls.update();
    this.controls.addEventListener('change', () => this.invalidate());
    this.cleanups.push(() => this.controls.dispose());
    const observer = new ResizeObserver(() => this.invalidate());
    observer.observe(elements.canvas);
    this.cleanups.push(() => observer.disconnect());
    this.cleanups.push(context.store.subscribe((state, previous) => {
      if (state.shown !== previous.shown || state.cursor.level !== previous.cursor.level
        || settingsOf(state).colormap !== settingsOf(previous).colormap) this.invalidate();
    }));
    const move = (event: PointerEvent): void => this.hover(event);
    const leave = (): void => this.tooltip('', 0, 0);
    elements.canvas.addEventListener('pointermove', move);
    elements.canvas.addEventListener('pointerleave', leave);
    this.cleanups.push(() => {
      elements.canvas.removeEventListener('pointermove', move);
      elements.canvas.removeEventListener('pointerleave', leave);
    });
    this.invalidate();
  }

  private keyLight(): DirectionalLight {
    const light = new DirectionalLight(0xffffff, 1.4);
    light.position.set(0.5, 2, 1);
    return light;
  }

  /** A unit box's floor edges and labelled axes: x to the right, t to the back, the value up. */
  private axes(): Group {
    const group = new Group();
    const edges = new Float32Array([
      -0.5, 0, 0.5, 0.5, 0, 0.5, 0.5, 0, 0.5, 0.5, 0, -0.5, 0.5, 0, -0.5, -0.5, 0, -0.5, -0.5, 0, -0.5, -0.5, 0, 0.5,
      -0.5, 0, 0.5, -0.5, HEIGHT, 0.5,
    ]);
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(edges, 3));
    group.add(new LineSegments(geometry, new LineBasicMaterial({ color: '#9aa5b1' })));
    group.add(label('x →', 0, -0.02, 0.62), label('t →', 0.66, -0.02, 0), label(FIELD_LABELS[this.field].symbol, -0.56, HEIGHT + 0.06, 0.5));
    return group;
  }

  private invalidate(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.render();
    });
  }

  private render(): void {
    const canvas = this.elements.canvas;
    const rect = canvas.getBoundingClientRect();
    const width = Math.max(1, Math.round(rect.width));
    const height = Math.max(1, Math.round(rect.height));
    this.renderer.setPixelRatio(window.devicePixelRatio || 1);
    const size = this.renderer.getSize(new Vector2());
    if (size.x !== width || size.y !== height) this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    const state = this.context.store.getState();
    const data = shownField(state, this.context.cache, this.field);
    canvas.dataset.solution = state.shown?.key ?? '';
    canvas.dataset.level = String(state.cursor.level);
    this.update(data, settingsOf(state).colormap, state.cursor.level);
    this.renderer.render(this.scene, this.camera);
  }

  /** Export: the surface at `level` rendered at width x height device pixels, copied out; the screen redraws next frame. */
  renderFrame(level: number, width: number, height: number, scale: number): HTMLCanvasElement {
    const state = this.context.store.getState();
    this.renderer.setPixelRatio(scale);
    this.renderer.setSize(width / scale, height / scale, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.update(shownField(state, this.context.cache, this.field), settingsOf(state).colormap, level);
    this.renderer.render(this.scene, this.camera);
    const copy = document.createElement('canvas');
    copy.width = width;
    copy.height = height;
    copy.getContext('2d')?.drawImage(this.elements.canvas, 0, 0, width, height);
    this.invalidate();
    return copy;
  }

  private update(data: ShownField | undefined, colormap: ColormapName, level: number): void {
    if (data === undefined || data.range === undefined) {
      this.clearMesh();
      this.cursorLine.visible = false;
      return;
    }
    if (this.built?.slice !== data.slice) this.build(data, colormap);
    else if (this.built.colormap !== colormap) this.recolour(colormap);
    this.placeCursor(level);
  }

  private clearMesh(): void {
    if (this.built === undefined) return;
    this.content.remove(this.built.mesh);
    this.built.mesh.geometry.dispose();
    (this.built.mesh.material as MeshLambertMaterial).dispose();
    this.built = undefined;
  }

  private build(data: ShownField, colormap: ColormapName): void {
    this.clearMesh();
    const range = data.range ?? { min: 0, max: 1 };
    const cols = samples(data.nx);
    const times = data.shown.times;
    const t0 = times[0] ?? 0;
    const t1 = times[times.length - 1] ?? 1;
    // Rows uniform in time, like the heatmap (the last stored level may be closer to its neighbour).
    const rowCount = Math.min(MAX_SAMPLES, data.levels);
    const rows = Array.from({ length: rowCount }, (_, r) => nearestLevel(times, t0 + (r / Math.max(1, rowCount - 1)) * (t1 - t0)));
    const positions = new Float32Array(cols.length * rows.length * 3);
    const span = range.max - range.min || 1;
    rows.forEach((level, r) => {
      const z = 0.5 - r / Math.max(1, rows.length - 1);
      cols.forEach((cell, c) => {
        const value = valueAt(data, level, cell);
        const p = 3 * (r * cols.length + c);
        positions[p] = c / Math.max(1, cols.length - 1) - 0.5;
        positions[p + 1] = Number.isFinite(value) ? ((value - range.min) / span) * HEIGHT : 0;
        positions[p + 2] = z;
      });
    });
    const indices: number[] = [];
    for (let r = 0; r + 1 < rows.length; r++) {
      for (let c = 0; c + 1 < cols.length; c++) {
        const a = r * cols.length + c;
        const b = a + 1;
        const d = a + cols.length;
        indices.push(a, d, b, b, d, d + 1);
      }
    }
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(positions, 3));
    geometry.setAttribute('color', new BufferAttribute(new Float32Array(positions.length), 3));
    geometry.setIndex(indices);
    geometry.computeVertexNormals();
    const mesh = new Mesh(geometry, new MeshLambertMaterial({ vertexColors: true, side: DoubleSide }));
    this.content.add(mesh);
    this.built = { slice: data.slice, colormap, data, mesh, cols, rows, lo: range.min, hi: range.max };
    this.recolour(colormap);
  }

  private recolour(colormap: ColormapName): void {
    const built = this.built;
    if (built === undefined) return;
    const table = colormapRgba(colormap);
    const colours = built.mesh.geometry.getAttribute('color') as BufferAttribute;
    built.rows.forEach((level, r) => {
      built.cols.forEach((cell, c) => {
        const index = colormapIndex(valueAt(built.data, level, cell), built.lo, built.hi);
        const i = r * built.cols.length + c;
        if (index < 0) colours.setXYZ(i, 0.8, 0.8, 0.8);
        // Colours are sRGB bytes; three.js expects linear values for vertex colours.
        else colours.setXYZ(i, toLinear(table[4 * index] as number), toLinear(table[4 * index + 1] as number), toLinear(table[4 * index + 2] as number));
      });
    });
    colours.needsUpdate = true;
    this.built = { ...built, colormap };
  }

  private placeCursor(level: number): void {
    const built = this.built;
    if (built === undefined) {
      this.cursorLine.visible = false;
      return;
    }
    const times = built.data.shown.times;
    const t0 = times[0] ?? 0;
    const t1 = times[times.length - 1] ?? 1;
    const z = 0.5 - ((times[level] ?? 0) - t0) / ((t1 - t0) || 1);
    const span = built.hi - built.lo || 1;
    const points = new Float32Array(built.cols.length * 3);
    built.cols.forEach((cell, c) => {
      const value = valueAt(built.data, level, cell);
      points[3 * c] = c / Math.max(1, built.cols.length - 1) - 0.5;
      points[3 * c + 1] = (Number.isFinite(value) ? ((value - built.lo) / span) * HEIGHT : 0) + 0.004;
      points[3 * c + 2] = z;
    });
    this.cursorLine.geometry.setAttribute('position', new BufferAttribute(points, 3));
    this.cursorLine.geometry.computeBoundingSphere();
    this.cursorLine.visible = true;
  }

  private hover(event: PointerEvent): void {
    const built = this.built;
    const rect = this.elements.canvas.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    if (built === undefined || event.buttons !== 0) return this.tooltip('', 0, 0);
    const pointer = new Vector2((px / rect.width) * 2 - 1, -(py / rect.height) * 2 + 1);
    this.raycaster.setFromCamera(pointer, this.camera);
    const hit = this.raycaster.intersectObject(built.mesh, false)[0];
    if (hit === undefined) return this.tooltip('', 0, 0);
    const data = built.data;
    const cell = Math.min(data.nx - 1, Math.max(0, Math.round((hit.point.x + 0.5) * (data.nx - 1))));
    const times = data.shown.times;
    const t0 = times[0] ?? 0;
    const t1 = times[times.length - 1] ?? 1;
    const level = nearestLevel(times, t0 + (0.5 - hit.point.z) * (t1 - t0));
    const text = `x = ${formatNumber(data.x[cell] ?? 0)}, t = ${formatNumber(times[level] ?? 0)}, ${data.field} = ${formatNumber(valueAt(data, level, cell), 5)}`;
    this.tooltip(text, px, py);
  }

  private tooltip(text: string, x: number, y: number): void {
    const tooltip = this.elements.tooltip;
    tooltip.textContent = text;
    tooltip.hidden = text === '';
    const width = this.elements.canvas.getBoundingClientRect().width;
    const flip = x > width * 0.6;
    tooltip.style.left = flip ? '' : `${x + 12}px`;
    tooltip.style.right = flip ? `${width - x + 12}px` : '';
    tooltip.style.top = `${Math.max(0, y - 28)}px`;
  }

  dispose(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.clearMesh();
    this.renderer.dispose();
  }
}

/** Indices of at most MAX_SAMPLES cells spread over n, ends included. */
function samples(n: number): number[] {
  const count = Math.min(MAX_SAMPLES, n);
  return Array.from({ length: count }, (_, i) => Math.round((i / Math.max(1, count - 1)) * (n - 1)));
}

function toLinear(byte: number): number {
  const c = byte / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** A text label that always faces the camera. */
export function label(text: string, x: number, y: number, z: number): Sprite {
  const canvas = document.createElement('canvas');
  canvas.width = 128;
  canvas.height = 64;
  const ctx = canvas.getContext('2d');
  if (ctx !== null) {
    ctx.font = '600 36px system-ui, sans-serif';
    ctx.fillStyle = '#3e4c59';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, 64, 32);
  }
  const sprite = new Sprite(new SpriteMaterial({ map: new CanvasTexture(canvas), depthTest: false }));
  sprite.position.set(x, y, z);
  sprite.scale.set(0.2, 0.1, 1);
  return sprite;
}
