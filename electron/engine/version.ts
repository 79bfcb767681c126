// Engine. The app's version, read once from package.json at build time (esbuild define) or at run time.
declare const __LINKWORK_VERSION__: string | undefined;

export const APP_NAME = 'Linkwork';
export const APP_VERSION: string =
  typeof __LINKWORK_VERSION__ === 'string' ? __LINKWORK_VERSION__ : (process.env.npm_package_version ?? '0.0.0-dev');
