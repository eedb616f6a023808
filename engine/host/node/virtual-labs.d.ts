declare module 'virtual:labs' {
  const labs: Record<string, unknown>;
  export = labs;
}
