/**
 * Notebook JSON the UI tests upload: nbformat 4.5 with a Python kernelspec,
 * and the cells several tests build the same way.
 */

export function pythonNotebook(
  cells: unknown[],
  extraMetadata: Record<string, unknown> = {},
  displayName = 'Python 3'
): Record<string, unknown> {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: {
        name: 'python3',
        display_name: displayName,
        language: 'python'
      },
      ...extraMetadata
    },
    cells
  };
}

/** The source of a papermill parameters cell: one `name = value` a line. */
export function assignments(params: Record<string, number | string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
    .join('\n');
}

/** A display_data output that logs metrics the way `log_metric` does. */
export function metricsOutput(metrics: Record<string, number>) {
  return {
    output_type: 'display_data',
    metadata: {},
    data: {
      'application/vnd.jupyter-ext.metrics+json': { metrics },
      'text/plain': JSON.stringify(metrics)
    }
  };
}
