/** An error as the text a notification shows. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
