// Renderer. The graph workbench's keyboard shortcuts, listed for the help dialog.
export const GRAPH_SHORTCUTS: Array<[string, string]> = [
  ['/ or mod+k', 'Search accounts, emails, IPs, cards, user agents, prompts'],
  ['Enter', 'Open the selected cluster'],
  ['Backspace', 'Back to the cluster overview'],
  ['1 / 2', 'Accounts / shared values as nodes'],
  ['F', 'Fit the graph to the screen'],
  ['+ / -', 'Zoom in / out'],
  ['E', 'Expand the selected account\'s neighbours'],
  ['I', 'Isolate the selection and its links'],
  ['H / Shift+H', 'Hide the selection / show all'],
  ['P', 'Pin or unpin the selection'],
  ['G', 'Group the selection into one node (double-click to expand)'],
  ['L', 'Lasso select (shift-drag draws a box)'],
  ['T', 'Path tool'],
  ['Esc', 'Clear selection and highlights'],
];
