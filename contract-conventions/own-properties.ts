// Writing names that come from the wire (header names, JSON keys) into plain objects without
// touching prototypes: `obj['__proto__'] = x` would replace the prototype instead of adding a field.

/** Sets an own, enumerable property, even when the name is `__proto__`. */
export function setOwnProperty(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[name] = value;
  }
}
