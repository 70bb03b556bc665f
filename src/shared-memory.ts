/** A copy of a typed array in a SharedArrayBuffer, which worker threads read and write without copying. */
export function toShared<T extends Int8Array | Int32Array | Float64Array>(a: T): T {
  const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}
