// Renderer. cytoscape-fcose ships no types: it is a cytoscape extension.
declare module 'cytoscape-fcose' {
  const ext: (cy: unknown) => void;
  export default ext;
}
