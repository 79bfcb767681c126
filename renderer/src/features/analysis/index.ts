// Renderer. The analysis feature: run the linkage analysis again, with its main parameters.
export { AnalysisButton } from './AnalysisButton';
export { AnalysisProvider, useAnalysis } from './analysis-context';
export { useRunAnalysis } from './use-run-analysis';
