// Renderer. The cytoscape stylesheet: reads the theme's CSS variables so the graph follows light
// and dark themes. Cheap on purpose: haystack edges, no label outlines, labels only when zoomed in
// far enough to read them (min-zoomed-font-size), no shadows.
import type cytoscape from 'cytoscape';

export function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export function buildStyle(): cytoscape.StylesheetJson {
  const fg = cssVar('--fg', '#1b1f24');
  const bg = cssVar('--bg', '#f6f7f9');
  const accent = cssVar('--accent', '#2563eb');
  const danger = cssVar('--danger', '#c62828');
  const muted = cssVar('--muted', '#5c6570');
  return [
    {
      selector: 'node',
      // only what every node draws: cytoscape styles each node property by property on its
      // first frame (thousands of nodes in a drill-down), so label typography lives with the
      // labels below; cytoscape's defaults already give no label, no border and no text events
      style: {
        'background-color': 'data(color)',
        width: 'data(px)',
        height: 'data(px)',
      },
    },
    // labels only on nodes given the "lbl" class (all of a small view, the visible part of a big
    // one once zoomed in), the selected, found and highlighted ones: measuring thousands of labels
    // costs seconds in software
    {
      selector: 'node.lbl, node:selected, node.found, node.hl',
      style: { label: 'data(label)', 'font-size': 10, 'min-zoomed-font-size': 8, color: fg, 'text-valign': 'bottom', 'text-margin-y': 3 },
    },
    // the few labelled nodes draw last, their labels on a faint plate over the edges beneath
    { selector: 'node.lbl', style: { 'z-index': 5, 'text-background-color': bg, 'text-background-opacity': 0.7, 'text-background-padding': '1px', 'text-background-shape': 'roundrectangle' } },
    // where the place below was taken (labels.ts)
    { selector: 'node.lbl-above', style: { 'text-valign': 'top', 'text-margin-y': -3 } },
    { selector: 'node.lbl-right', style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-y': 0, 'text-margin-x': 3 } },
    { selector: 'node.lbl-left', style: { 'text-valign': 'center', 'text-halign': 'left', 'text-margin-y': 0, 'text-margin-x': -3 } },
    { selector: 'node[kind = "cluster"]', style: { 'font-size': 11, 'font-weight': 600, 'border-width': 1, 'border-color': bg } },
    { selector: 'node[?flagged]', style: { 'border-width': 3, 'border-color': danger } },
    { selector: 'node[kind = "value"]', style: { shape: 'round-rectangle', 'font-size': 9, color: muted } },
    { selector: 'node[?hub]', style: { shape: 'octagon', 'background-opacity': 0.5 } },
    { selector: 'node[?outside]', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': muted } },
    { selector: 'node[kind = "group"]', style: { shape: 'round-hexagon', 'border-width': 2, 'border-color': fg, 'font-weight': 600 } },
    { selector: 'node:locked', style: { 'border-width': 2, 'border-style': 'double', 'border-color': fg } },
    {
      selector: 'edge',
      style: {
        'curve-style': 'haystack',
        'haystack-radius': 0,
        width: 'data(w)',
        'line-color': 'data(color)',
        opacity: 0.55,
      },
    },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': accent, 'border-style': 'solid', 'z-index': 10 } },
    { selector: 'edge:selected, edge.picked', style: { 'line-color': accent, opacity: 1, width: 4, 'z-index': 10 } },
    { selector: '.dim', style: { opacity: 0.12 } },
    { selector: 'node.hl', style: { 'border-width': 4, 'border-color': accent, 'z-index': 20, 'font-size': 12, 'min-zoomed-font-size': 0 } },
    { selector: 'edge.hl', style: { 'line-color': accent, opacity: 1, width: 5, 'z-index': 20 } },
    { selector: 'node.found', style: { 'border-width': 4, 'border-color': accent, 'min-zoomed-font-size': 0, 'font-size': 13, 'z-index': 30 } },
  ];
}
