// Annotation ids: 16 hex digits from the platform's random source (crypto exists in Node 20 and web
// workers). Long enough that two editors annotating the same file never collide (see the sidecar's design).
export function randomId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
