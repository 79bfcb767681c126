// Renderer. Chooses how cytoscape draws: its WebGL renderer on a real GPU, the 2D canvas where
// WebGL is emulated on the CPU (SwiftShader, llvmpipe), which is slower than canvas there.
export interface RenderMode {
  webgl: boolean;
  /** the WebGL renderer string, or why there is none */
  renderer: string;
  software: boolean;
}

const SOFTWARE = /swiftshader|llvmpipe|software|softpipe|lavapipe|microsoft basic render/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE.test(renderer);
}

let cached: RenderMode | null = null;

export function detectRenderMode(): RenderMode {
  if (cached) return cached;
  const forced = new URLSearchParams(window.location.search).get('renderer');
  let renderer = 'no WebGL';
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    renderer = 'WebGL unavailable';
  }
  const software = renderer === 'no WebGL' || renderer === 'WebGL unavailable' || isSoftwareRenderer(renderer);
  const webgl = forced === 'webgl' ? true : forced === 'canvas' ? false : !software;
  cached = { webgl, renderer, software };
  return cached;
}
