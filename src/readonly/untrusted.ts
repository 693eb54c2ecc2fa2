/**
 * Pure helper of the read-only view (no JupyterLab imports; unit-tested).
 */

/** Remove every trust marker so outputs render as untrusted. */
export function untrustedCopy<T extends object>(nb: T): T {
  const copy = JSON.parse(JSON.stringify(nb));
  for (const cell of Array.isArray(copy.cells) ? copy.cells : []) {
    if (cell && typeof cell.metadata === 'object' && cell.metadata) {
      delete cell.metadata.trusted;
    }
  }
  if (copy.metadata && typeof copy.metadata === 'object') {
    delete copy.metadata.signature;
  }
  return copy;
}
