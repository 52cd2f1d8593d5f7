// The user record as the API shows it (never the password hash), with its filters and sorts.
import { z } from 'zod';
import type { ResourceDef } from '../../platform/http/resource.ts';
import { boolString, id, iso, isoDate, name } from '../../platform/http/schemas.ts';

export const staffRoles = ['admin', 'executive', 'manager', 'rep'] as const;
export const locales = ['zh-CN', 'en'] as const;

const editable = {
  name: name(100),
  role: z.enum(staffRoles),
  teamId: id().nullable().optional(),
  hiredOn: isoDate().nullable().optional(),
  locale: z.enum(locales).optional(),
};
const createSchema = z
  .object({
    ...editable,
    email: z.string().trim().toLowerCase().max(320).pipe(z.email({ message: 'must be an email address' })),
    password: z.string().min(8, 'must have at least 8 characters').max(200).optional(),
  })
  .strict();
const updateSchema = z.object({ ...editable, active: z.boolean() }).partial().strict();

export const presentUser = (r: Record<string, unknown>) => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  teamId: r.team_id,
  active: r.active,
  hiredOn: r.hired_on,
  locale: r.locale,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const usersResource: ResourceDef<typeof createSchema, typeof updateSchema> = {
  name: 'users',
  singular: 'user',
  label: 'User',
  tag: 'users',
  createSchema,
  updateSchema,
  toColumns: (i) => ({ name: i.name, role: i.role, team_id: i.teamId, hired_on: i.hiredOn, locale: i.locale, active: (i as z.infer<typeof updateSchema>).active }),
  present: presentUser,
  filters: {
    q: { column: 'name', kind: 'search', schema: z.string().max(100) },
    email: { column: 'email', kind: 'search', schema: z.string().max(320) },
    role: { column: 'role', kind: 'eq', schema: z.enum(staffRoles) },
    teamId: { column: 'team_id', kind: 'eq', schema: id() },
    active: { column: 'active', kind: 'eq', schema: boolString() },
  },
  sorts: {
    name: { column: 'name' },
    email: { column: 'email' },
    createdAt: { column: 'created_at' },
  },
  defaultSort: 'name',
  references: [{ column: 'team_id', table: 'teams', label: 'Team' }],
};
