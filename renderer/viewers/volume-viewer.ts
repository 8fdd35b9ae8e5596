// The 3D view: volume rendering of one time level of u or m by ray marching a 3D texture
// (volume-shader.ts) in composite, maximum-intensity or isosurface mode, with the bounding box,
// labelled axes, obstacles and the slice plane's outline; orbit, zoom and reset view. Rendering is
// on demand (SwiftShader is slow, an idle app should not draw); while the camera moves the ray uses
// a quarter of the steps, and the full count once it stops.

import {
  BackSide, Color, DataTexture, GLSL3, LinearFilter, LinearSRGBColorSpace, Mesh, BoxGeometry, PerspectiveCamera, RGBAFormat, Scene,
  ShaderMaterial, UnsignedByteType, Vector2, Vector3, WebGLRenderer, WebGLRenderTarget, type Group, type LineLoop,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { transferTable, type TransferFunction } from '../model/transfer-function.js';
import { allLevelsStats, allLevelsStatsReady, loadLevelPair, peekLevelPair, prefetchNext, type LevelPair } from '../data/level-fields.js';
import type { VolumeDisplay } from '../state/display-slice.js';
import type { AppState } from '../state/store.js';
import type { Shown } from '../state/view-slice.js';
import type { Viewer, ViewerContext, ViewerElements } from './canvas-viewer.js';
import { registerFrameSource, type Frame } from './frame-source.js';
import type { ColorScale } from '../model/color-scale.js';
import { drawScaleBar } from './map-draw.js';
import { colorScaleFor } from './spatial-pictures.js';
import { boxSize, frameGroup, planeOutline } from './volume-scene.js';
import { VOLUME_FRAGMENT, VOLUME_VERTEX } from './volume-shader.js';
import { makeVolumeTexture, volumeValues, type VolumeTexture } from './volume-texture.js';

const MODES = { composite: 0, mip: 1, iso: 2 } as const;
const HOME = new Vector3(1.75, -2.15, 1.35);
/** Vertical field of view in degrees (for views wider than tall). */
const FOV = 35;

interface Uploaded extends VolumeTexture {
  readonly key: string;
}

export class VolumeViewer implements Viewer {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(FOV, 1, 0.01, 100);
  private readonly controls: OrbitControls;
  private readonly material: ShaderMaterial;
  private readonly mesh: Mesh;
  private readonly transfer = new DataTexture(new Uint8Array(256 * 4), 256, 1, RGBAFormat, UnsignedByteType);
  private transferFor: { transfer: TransferFunction; color: VolumeDisplay['color'] } | undefined;
  private uploaded: Uploaded | undefined;
  private frameFor: Shown | undefined;
  private frameParts: Group | undefined;
  private outline: LineLoop | undefined;
  private outlineKey = '';
  private lastPair: LevelPair | undefined;
  /** The level that could not be read ('source|level') and why. */
  private failure: { key: string; message: string } | undefined;
  private interacting = false;
  private frame: number | undefined;
  private cameraResets: number;
  private readonly linearFloat: boolean;
  private readonly maxTextureSide: number;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly elements: ViewerElements, private readonly context: ViewerContext) {
    // Throws when WebGL2 cannot start; the host shows why instead of the view.
    this.renderer = new WebGLRenderer({ canvas: elements.canvas, antialias: false, preserveDrawingBuffer: true });
    this.renderer.setClearColor(new Color('#ffffff'));
    // The shader writes final colours: no conversion on screen or in export targets, so both agree.
    this.renderer.outputColorSpace = LinearSRGBColorSpace;
    const gl = this.renderer.getContext() as WebGL2RenderingContext;
    this.maxTextureSide = Number(gl.getParameter(gl.MAX_3D_TEXTURE_SIZE)) || 256;
    this.linearFloat = this.renderer.extensions.has('OES_texture_float_linear');
    this.transfer.minFilter = LinearFilter;
    this.transfer.magFilter = LinearFilter;
    this.material = new ShaderMaterial({
      // Back faces: the ray starts at the camera even when the camera is inside the box.
      glslVersion: GLSL3, vertexShader: VOLUME_VERTEX, fragmentShader: VOLUME_FRAGMENT, side: BackSide,
      transparent: true, premultipliedAlpha: true, depthTest: false, depthWrite: false,
      uniforms: {
        uVolume: { value: null }, uTransfer: { value: this.transfer }, uCamera: { value: new Vector3() }, uTexel: { value: new Vector3(0.1, 0.1, 0.1) },
        uSteps: { value: 64 }, uMode: { value: 0 }, uIso: { value: 0.5 }, uShowSolid: { value: true },
      },
    });
    this.mesh = new Mesh(new BoxGeometry(1, 1, 1), this.material);
    this.mesh.renderOrder = 1;
    this.mesh.visible = false;
    this.scene.add(this.mesh);
    this.camera.up.set(0, 0, 1);
    this.camera.position.copy(HOME);
    this.controls = new OrbitControls(this.camera, elements.canvas);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', () => this.invalidate());
    this.controls.addEventListener('start', () => { this.interacting = true; });
    this.controls.addEventListener('end', () => { this.interacting = false; this.invalidate(); });
    this.cameraResets = context.store.getState().cameraResets;
    this.cleanups.push(() => this.controls.dispose());
    const observer = new ResizeObserver(() => this.invalidate());
    observer.observe(elements.canvas);
    this.cleanups.push(() => observer.disconnect());
    this.cleanups.push(context.store.subscribe((state, previous) => {
      if (state.shown !== previous.shown || state.cursor.level !== previous.cursor.level || state.volumeDisplay !== previous.volumeDisplay || state.cameraResets !== previous.cameraResets) this.invalidate();
    }));
    this.cleanups.push(registerFrameSource({
      id: 'volume', title: '3D volume', timeLevels: () => context.store.getState().cursor.levels,
      renderFrame: (level, width, height, scale) => this.renderFrame(level, width, height, scale),
    }));
    this.invalidate();
  }

  invalidate(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.draw();
    });
  }

  private resize(): void {
    const rect = this.elements.canvas.getBoundingClientRect();
    const width = Math.max(1, Math.round(rect.width));
    const height = Math.max(1, Math.round(rect.height));
    this.renderer.setPixelRatio(window.devicePixelRatio || 1);
    const size = this.renderer.getSize(new Vector2());
    if (size.x !== width || size.y !== height) this.renderer.setSize(width, height, false);
    this.setAspect(width / height);
  }

  /** A tall view keeps the horizontal field of view, so the box stays in the picture. */
  private setAspect(aspect: number): void {
    this.camera.aspect = aspect;
    this.camera.fov = aspect >= 1 ? FOV : (2 * Math.atan(Math.tan((FOV * Math.PI) / 360) / aspect) * 180) / Math.PI;
    this.camera.updateProjectionMatrix();
  }

  private draw(): void {
    const state = this.context.store.getState();
    const canvas = this.elements.canvas;
    this.resize();
    this.followReset(state.cameraResets);
    canvas.dataset.solution = state.shown?.key ?? '';
    canvas.dataset.level = String(state.cursor.level);
    const pair = this.currentPair(state);
    if (state.shown === null || state.shown.grid.dimension !== 3 || pair === undefined) {
      canvas.dataset.drawnLevel = '';
      this.mesh.visible = false;
      const failed = this.failure?.key === `${state.shown?.key ?? ''}|${state.cursor.level}` ? `This level could not be read: ${this.failure.message}` : undefined;
      canvas.dataset.problem = failed ?? '';
      this.tooltip(state.shown === null ? 'No solution yet' : state.shown.grid.dimension !== 3 ? 'This view shows 3D solutions' : failed ?? 'Loading…');
      this.renderer.render(this.scene, this.camera);
      return;
    }
    this.tooltip('');
    canvas.dataset.problem = '';
    const global = allLevelsStats(this.context.cache, state.shown, state.volumeDisplay.field, () => this.invalidate());
    this.prepare(state.shown, pair, state.volumeDisplay, global);
    const steps = this.interacting ? Math.max(16, Math.round(state.volumeDisplay.steps / 4)) : state.volumeDisplay.steps;
    this.material.uniforms.uSteps!.value = steps;
    this.renderer.render(this.scene, this.camera);
    Object.assign(canvas.dataset, {
      drawnLevel: String(pair.m.level), steps: String(steps), mode: state.volumeDisplay.mode, iso: String(state.volumeDisplay.isoLevel),
      factor: String(this.uploaded?.factor ?? 1),
    });
  }

  /** The level at the cursor, or the last one while it loads. */
  private currentPair(state: AppState): LevelPair | undefined {
    const shown = state.shown;
    if (shown === null || shown.grid.dimension !== 3) return undefined;
    const pair = peekLevelPair(this.context.cache, shown, state.cursor.level);
    if (pair !== undefined) {
      this.lastPair = pair;
      prefetchNext(this.context.cache, shown, state.cursor.level, state.cursor.playing, state.cursor.loop);
      return pair;
    }
    const key = `${shown.key}|${state.cursor.level}`;
    // A failed level is not read again on every redraw (that would loop); moving the cursor retries.
    if (this.failure?.key !== key) {
      void loadLevelPair(this.context.cache, shown, state.cursor.level).then((read) => {
        this.failure = read.ok ? undefined : { key, message: read.error.message };
        this.invalidate();
      });
    }
    if (this.failure?.key === key) return undefined;
    return this.lastPair?.m.shown === shown ? this.lastPair : undefined;
  }

  /** Uploads what changed (texture, transfer table, frame) and sets the uniforms. */
  private prepare(shown: Shown, pair: LevelPair, display: VolumeDisplay, global: ReturnType<typeof allLevelsStats>): void {
    const data = display.field === 'u' ? pair.u : pair.m;
    const { scale } = colorScaleFor(display.color, global, data.stats);
    const limit = Math.min(this.maxTextureSide, display.textureLimit ?? Infinity);
    const key = `${shown.key}|${data.level}|${display.field}|${scale?.lo}|${scale?.hi}|${scale?.log}|${limit}`;
    this.setLimits(scale === undefined ? null : [scale.lo, scale.hi]);
    if (this.uploaded?.key !== key && scale !== undefined) {
      const dims = [data.dims[0] ?? 1, data.dims[1] ?? 1, data.dims[2] ?? 1] as const;
      const started = performance.now();
      const fitted = volumeValues(data.values, pair.solid, dims, scale, limit);
      const made = makeVolumeTexture(fitted.values, fitted.dims, fitted.factor, this.linearFloat);
      this.renderer.initTexture(made.texture);
      // getError waits for the GPU process to have run the upload, so the time is the real one.
      (this.renderer.getContext() as WebGL2RenderingContext).getError();
      this.elements.canvas.dataset.uploadMs = (performance.now() - started).toFixed(1);
      this.uploaded?.texture.dispose();
      this.uploaded = { ...made, key };
      this.setNotice(made.factor === 1 ? '' : `Shown downsampled ${made.factor}× (${dims.join('×')} → ${made.dims.join('×')}): the volume exceeds the texture limit of ${limit}`);
    }
    if (this.transferFor?.transfer !== display.transfer || this.transferFor.color !== display.color) {
      // The colours follow the view's colormap; the transfer function contributes the opacity curve.
      this.transfer.image.data = transferTable({ ...display.transfer, colormap: display.color.colormap, reversed: display.color.reversed });
      this.transfer.needsUpdate = true;
      this.transferFor = { transfer: display.transfer, color: display.color };
    }
    this.placeFrame(shown, display);
    const uniforms = this.material.uniforms;
    const texture = this.uploaded;
    this.mesh.visible = texture !== undefined;
    if (texture === undefined) return;
    uniforms.uVolume!.value = texture.texture;
    uniforms.uTexel!.value = new Vector3(1 / texture.dims[0], 1 / texture.dims[1], 1 / texture.dims[2]);
    uniforms.uMode!.value = MODES[display.mode];
    uniforms.uIso!.value = display.isoLevel;
    uniforms.uShowSolid!.value = display.showObstacles;
    this.mesh.updateMatrixWorld();
    uniforms.uCamera!.value = this.mesh.worldToLocal(this.camera.position.clone()).addScalar(0.5);
  }

  private placeFrame(shown: Shown, display: VolumeDisplay): void {
    const size = boxSize(shown.grid);
    if (this.frameFor !== shown) {
      if (this.frameParts !== undefined) this.scene.remove(this.frameParts);
      this.frameParts = frameGroup(shown.grid, size);
      this.scene.add(this.frameParts);
      this.mesh.scale.copy(size);
      this.frameFor = shown;
    }
    const outlineKey = `${shown.key}|${display.plane.axis}|${display.plane.position}`;
    if (this.outlineKey !== outlineKey) {
      if (this.outline !== undefined) this.scene.remove(this.outline);
      this.outline = planeOutline(size, display.plane.axis, display.plane.position);
      this.scene.add(this.outline);
      this.outlineKey = outlineKey;
    }
  }

  private followReset(resets: number): void {
    if (resets === this.cameraResets) return;
    this.cameraResets = resets;
    this.camera.position.copy(HOME);
    this.controls.target.set(0, 0, 0);
    this.controls.update();
  }

  private setNotice(text: string): void {
    this.elements.canvas.dataset.notice = text;
    if (this.context.store.getState().volumeNotice !== text) this.context.store.setState({ volumeNotice: text });
  }

  private setLimits(limits: readonly [number, number] | null): void {
    const now = this.context.store.getState().volumeLimits;
    if (now?.[0] !== limits?.[0] || now?.[1] !== limits?.[1]) this.context.store.setState({ volumeLimits: limits });
  }

  private tooltip(text: string): void {
    const tooltip = this.elements.tooltip;
    tooltip.textContent = text;
    tooltip.hidden = text === '';
    tooltip.style.left = '12px';
    tooltip.style.top = '12px';
  }

  /** Draws a level at an exact size into a render target and copies it out (export frames). */
  private async renderFrame(level: number, width: number, height: number, scaleFactor: number): Promise<Frame> {
    const state = this.context.store.getState();
    const shown = state.shown;
    if (shown === null || shown.grid.dimension !== 3) throw new Error('no 3D solution is shown');
    const pair = await loadLevelPair(this.context.cache, shown, level);
    if (!pair.ok) throw new Error(`level ${level} could not be read: ${pair.error.message}`);
    const global = await allLevelsStatsReady(this.context.cache, shown, state.volumeDisplay.field);
    this.prepare(shown, pair.value, state.volumeDisplay, global);
    this.material.uniforms.uSteps!.value = state.volumeDisplay.steps;
    const target = new WebGLRenderTarget(width, height);
    const aspect = this.camera.aspect;
    try {
      this.setAspect(width / height);
      this.renderer.setRenderTarget(target);
      this.renderer.render(this.scene, this.camera);
      const pixels = new Uint8Array(width * height * 4);
      this.renderer.readRenderTargetPixels(target, 0, 0, width, height, pixels);
      const frame = flippedCanvas(pixels, width, height);
      const data = state.volumeDisplay.field === 'u' ? pair.value.u : pair.value.m;
      const { scale } = colorScaleFor(state.volumeDisplay.color, global, data.stats);
      if (scale !== undefined) drawFrameColorbar(frame, scale, scaleFactor);
      return frame;
    } finally {
      this.renderer.setRenderTarget(null);
      this.setAspect(aspect);
      target.dispose();
      this.invalidate(); // back to the cursor's level on screen
    }
  }

  dispose(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.uploaded?.texture.dispose();
    this.transfer.dispose();
    this.material.dispose();
    this.renderer.dispose();
    // Browsers keep a handful of WebGL contexts; give this one back now rather than at GC.
    this.renderer.forceContextLoss();
  }
}

/** A colour bar at the right edge of an exported volume frame (text scaled like the 2D views'). */
function drawFrameColorbar(frame: HTMLCanvasElement, scale: ColorScale, factor: number): void {
  const ctx = frame.getContext('2d');
  if (ctx === null) return;
  ctx.save();
  ctx.scale(factor, factor);
  const height = frame.height / factor;
  const box = { left: frame.width / factor - 62, top: 16, width: 10, height: Math.max(20, height - 32) };
  drawScaleBar(ctx, box, scale);
  ctx.restore();
}

/** WebGL rows run bottom-up; canvases top-down. */
function flippedCanvas(pixels: Uint8Array, width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('this browser gives no 2D canvas context');
  const image = ctx.createImageData(width, height);
  const row = width * 4;
  for (let y = 0; y < height; y++) image.data.set(pixels.subarray((height - 1 - y) * row, (height - y) * row), y * row);
  ctx.putImageData(image, 0, 0);
  return canvas;
}
