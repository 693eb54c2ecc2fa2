/**
 * A small experiment notebook: a papermill "parameters" cell, a logged metric
 * and a PNG plot whose colour depends on the parameter.
 */
import { pythonNotebook } from './notebookJson';

const PNG_CELL = `import base64, struct, zlib
from IPython.display import Image, display

def png(w, h, rgb):
    raw = b"".join(b"\\x00" + bytes(rgb) * w for _ in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")

display(Image(png(240, 120, (30, 120, 200) if lr < 0.05 else (220, 90, 40))))`;

export function sweepNotebook(lr: number): Record<string, unknown> {
  const cell = (
    source: string,
    metadata: Record<string, unknown> = {},
    cellType = 'code'
  ) =>
    cellType === 'code'
      ? {
          cell_type: 'code',
          metadata,
          source,
          outputs: [],
          execution_count: null
        }
      : { cell_type: cellType, metadata, source };
  return pythonNotebook(
    [
      cell(
        '# Churn model sweep\n\nTrain with a learning rate, log accuracy.',
        {},
        'markdown'
      ),
      cell(`lr = ${lr}\nepochs = 5`, { tags: ['parameters'] }),
      cell(
        'from jupyter_ext.kernel import log_metric\naccuracy = 0.90 if lr < 0.05 else 0.93\nlog_metric(accuracy=accuracy, loss=round(1 - accuracy, 3))\nprint(f"accuracy={accuracy}")'
      ),
      cell(PNG_CELL),
      cell('# unchanged helper\ndef helper(x):\n    return x * 2')
    ].map((c, i) => ({ ...c, id: `cell-${i}` })),
    { language_info: { name: 'python' } },
    'Python 3 (ipykernel)'
  );
}
