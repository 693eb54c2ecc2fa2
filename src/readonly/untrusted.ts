/**
 * Pure helper of the read-only view (no JupyterLab imports; unit-tested).
 */

/** Remove every trust marker so outputs render as untrusted. */
export function untrustedCopy(
  nb: Record<string, unknown>
): Record<string, unknown> {
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
