// Sortable UUIDv7 ids for every record.
import { uuidv7 } from 'uuidv7';

export const newId = (): string => uuidv7();

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
