// The colour description an MP4 must carry (BT.709, limited range), and whether this browser's
// H.264 encoder keeps it. Chromium's encoder writes the VUI of the stream from the frames' colour
// space (RGB canvas frames become full-range "yuvj420p"), and other encoders or versions may not:
// one tiny frame is encoded once per page to find out, so that a browser that would mislabel the
// video sends its frames to ffmpeg instead.

/** ITU-R BT.709 primaries, transfer and matrix, limited ("TV") range: what renderer/model/yuv.ts writes. */
export const LIMITED_BT709: VideoColorSpaceInit = { primaries: 'bt709', transfer: 'bt709', matrix: 'bt709', fullRange: false };

/** Why `declared` (an encoder's decoderConfig.colorSpace) is not limited-range BT.709, or undefined when it is. */
export function colourProblem(declared: VideoColorSpaceInit | null | undefined): string | undefined {
  if (declared === undefined || declared === null) return 'did not say which colour space it wrote';
  const wrong = (['primaries', 'transfer', 'matrix'] as const)
    .filter((key) => declared[key] !== LIMITED_BT709[key])
    .map((key) => `${key} ${String(declared[key])} (expected ${String(LIMITED_BT709[key])})`);
  if (declared.fullRange !== false) wrong.push(`full range ${String(declared.fullRange)} (expected limited)`);
  return wrong.length === 0 ? undefined : `wrote ${wrong.join(', ')}`;
}

let probe: Promise<string | undefined> | undefined;

/** Undefined when the encoder tags a limited-range BT.709 I420 frame as such; else what it did. */
export function encoderKeepsLimitedRange(): Promise<string | undefined> {
  probe ??= encodeOneFrame().then(
    (declared) => {
      const problem = colourProblem(declared);
      return problem === undefined ? undefined : `the browser's H.264 encoder ${problem}`;
    },
    (error: unknown) => `the browser's H.264 encoder failed on a test frame: ${error instanceof Error ? error.message : String(error)}`,
  );
  return probe;
}

async function encodeOneFrame(): Promise<VideoColorSpaceInit | undefined> {
  const size = 16;
  let declared: VideoColorSpaceInit | undefined;
  let failure: unknown;
  const encoder = new VideoEncoder({
    output: (_chunk, meta) => { declared = meta?.decoderConfig?.colorSpace ?? declared; },
    error: (error) => { failure = error; },
  });
  try {
    encoder.configure({ codec: 'avc1.42001f', width: size, height: size, bitrate: 100_000, avc: { format: 'avc' } });
    const grey = new Uint8Array(size * size * 3 / 2).fill(128);
    const frame = new VideoFrame(grey, { format: 'I420', codedWidth: size, codedHeight: size, timestamp: 0, colorSpace: LIMITED_BT709 });
    encoder.encode(frame, { keyFrame: true });
    frame.close();
    await encoder.flush();
  } finally {
    if (encoder.state !== 'closed') encoder.close();
  }
  if (failure !== undefined) throw failure;
  return declared;
}
