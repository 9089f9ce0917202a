// YAML files imported by the bundles are embedded as text (esbuild `loader: { '.yaml': 'text' }`).
declare module '*.yaml' {
  const text: string;
  export default text;
}
