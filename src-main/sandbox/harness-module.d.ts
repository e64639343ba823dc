// esbuild bundles harness.py as text (loader '.py': 'text'); this tells TypeScript what it imports.
declare module '*.py' {
  const source: string;
  export default source;
}
