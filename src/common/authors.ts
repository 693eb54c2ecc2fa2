/**
 * Authors as shown on badges and avatars: one name, one set of initials and one
 * colour per author in every view (the server's colour when it is a valid CSS
 * hex colour, else one derived from the username).
 */

export interface IAuthorLike {
  username?: string;
  name?: string;
  initials?: string;
  color?: string;
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

const PALETTE = [
  '#1976d2',
  '#388e3c',
  '#d32f2f',
  '#7b1fa2',
  '#f57c00',
  '#0097a7',
  '#5d4037',
  '#c2185b'
];

/** The display name: the full name, else the username, else "?". */
export function authorName(author: IAuthorLike | null | undefined): string {
  return author?.name || author?.username || '?';
}

/** Up to 3 letters: the server's initials, else first + last word of the name. */
export function initialsOf(author: IAuthorLike | null | undefined): string {
  if (author?.initials) {
    return author.initials.slice(0, 3);
  }
  const source = authorName(author).trim();
  const words = source.split(/[\s._-]+/).filter(Boolean);
  const letters =
    words.length >= 2 ? words[0][0] + words[words.length - 1][0] : source[0];
  return (letters || '?').toUpperCase();
}

/** A stable, valid colour for an author. */
export function colorOf(author: IAuthorLike | null | undefined): string {
  if (author?.color && HEX_COLOUR.test(author.color)) {
    return author.color;
  }
  let hash = 0;
  for (const ch of author?.username ?? '') {
    hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  }
  return PALETTE[hash % PALETTE.length];
}
