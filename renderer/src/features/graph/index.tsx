// Renderer. The graph workbench feature: the investigator's main screen.
import './graph.css';

export { GraphWorkbench } from './GraphWorkbench';
export { GRAPH_SHORTCUTS } from './shortcuts';
