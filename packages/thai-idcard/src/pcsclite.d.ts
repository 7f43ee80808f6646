// Minimal ambient typing for the optional peer dependency `pcsclite` (it ships none).
declare module 'pcsclite' {
  const pcsclite: () => unknown;
  export default pcsclite;
}
