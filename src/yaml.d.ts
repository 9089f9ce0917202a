// YAML files imported by the bundles are embedded as text (esbuild `loader: { '.yaml': 'text' }`).
declare module '*.yaml' {
  const text: string;
  export default text;
}

// `bundled.yaml?entries`: a knowledge file checked and converted at build time (scripts/build.mjs).
declare module '*.yaml?entries' {
  const entries: readonly import('./core/kb/model').KbEntry[];
  export default entries;
}

// The sample shot list the walkthrough opens (src/features/tour.ts), embedded as text
// (esbuild `loader: { '.unifeed': 'text' }`).
declare module '*.unifeed' {
  const text: string;
  export default text;
}
