// The team record: the sales org chart (大区 → 组), which decides what each manager sees.
import { z } from 'zod';
import type { ResourceDef } from '../../platform/http/resource.ts';
import { id, iso, name } from '../../platform/http/schemas.ts';

const teamFields = {
  name: name(100),
  parentId: id().nullable().optional(),
  managerId: id().nullable().optional(),
};
const createSchema = z.object(teamFields).strict();
const updateSchema = z.object(teamFields).partial().strict();

export const presentTeam = (r: Record<string, unknown>) => ({
  id: r.id,
  name: r.name,
  parentId: r.parent_id,
  managerId: r.manager_id,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const teamsResource: ResourceDef<typeof createSchema, typeof updateSchema> = {
  name: 'teams',
  singular: 'team',
  label: 'Team',
  tag: 'teams',
  createSchema,
  updateSchema,
  toColumns: (i) => ({ name: i.name, parent_id: i.parentId, manager_id: i.managerId }),
  present: presentTeam,
  filters: {
    q: { column: 'name', kind: 'search', schema: z.string().max(100) },
    parentId: { column: 'parent_id', kind: 'eq', schema: id() },
    managerId: { column: 'manager_id', kind: 'eq', schema: id() },
  },
  sorts: {
    name: { column: 'name' },
    createdAt: { column: 'created_at' },
  },
  defaultSort: 'name',
  references: [
    { column: 'parent_id', table: 'teams', label: 'Parent team' },
    { column: 'manager_id', table: 'users', label: 'Manager' },
  ],
};
