/**
 * Snapshot ids are ULIDs (26 Crockford base-32 characters). Everywhere a person
 * sees one in short form it is the same: its last 6 characters, lower-cased.
 */

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

/** Whether *ref* is a snapshot id (else it is e.g. a notebook path). */
export function isSnapshotId(ref: string): boolean {
  return ULID.test(ref);
}

/** The last 6 characters of a ULID (its random part), lower-cased. */
export function shortId(id: string): string {
  return id.slice(-6).toLowerCase();
}
