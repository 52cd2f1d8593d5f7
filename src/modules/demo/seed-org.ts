// The demo sales organisation: 销售中心 under the executive, three regional teams, twelve reps.
import type { Clock } from './demo-calendar.ts';
import { addMonths } from './demo-calendar.ts';
import type { Region } from './demo-geo.ts';
import type { DemoTeam, DemoUser, Row } from './demo-model.ts';
import { newId } from '../../platform/ids.ts';

interface RepPlan {
  name: string;
  login: string;
  monthsHired: number;
  territory: readonly Region[];
  skill: number;
}

interface TeamPlan {
  key: 'east' | 'south' | 'north';
  name: string;
  regions: readonly Region[];
  manager: { name: string; login: string; monthsHired: number };
  reps: readonly RepPlan[];
}

const TEAM_PLANS: readonly TeamPlan[] = [
  {
    key: 'east',
    name: '华东大区',
    regions: ['华东'],
    manager: { name: '李晓东', login: 'manager.east', monthsHired: 74 },
    reps: [
      { name: '张伟', login: 'rep.east1', monthsHired: 41, territory: ['华东'], skill: 1.1 },
      { name: '刘洋', login: 'rep.east2', monthsHired: 29, territory: ['华东'], skill: 1.25 },
      { name: '陈静', login: 'rep.east3', monthsHired: 17, territory: ['华东'], skill: 0.95 },
      { name: '杨帆', login: 'rep.east4', monthsHired: 7, territory: ['华东'], skill: 0.7 },
    ],
  },
  {
    key: 'south',
    name: '华南大区',
    regions: ['华南', '西南'],
    manager: { name: '陈志强', login: 'manager.south', monthsHired: 66 },
    reps: [
      { name: '黄俊杰', login: 'rep.south1', monthsHired: 52, territory: ['华南'], skill: 1.3 },
      { name: '林晓琳', login: 'rep.south2', monthsHired: 23, territory: ['华南'], skill: 1.0 },
      { name: '吴浩然', login: 'rep.south3', monthsHired: 35, territory: ['西南'], skill: 0.9 },
      { name: '周婷', login: 'rep.south4', monthsHired: 10, territory: ['西南', '华南'], skill: 0.8 },
    ],
  },
  {
    key: 'north',
    name: '华北大区',
    regions: ['华北', '华中'],
    manager: { name: '赵振华', login: 'manager.north', monthsHired: 58 },
    reps: [
      { name: '赵磊', login: 'rep.north1', monthsHired: 47, territory: ['华北'], skill: 1.15 },
      { name: '孙丽娟', login: 'rep.north2', monthsHired: 26, territory: ['华北'], skill: 1.0 },
      { name: '马超', login: 'rep.north3', monthsHired: 31, territory: ['华中'], skill: 0.85 },
      { name: '郭雨桐', login: 'rep.north4', monthsHired: 4, territory: ['华中', '华北'], skill: 0.75 },
    ],
  },
];

export interface DemoOrg {
  company: DemoTeam;
  teams: DemoTeam[];
  executive: DemoUser;
  managers: DemoUser[];
  reps: DemoUser[];
  teamRows: Row<'teams'>[];
  userRows: Row<'users'>[];
}

export function buildOrg(opts: { tenantId: string; clock: Clock; emailDomain: string; passwordHash: string }): DemoOrg {
  const { tenantId, clock, emailDomain, passwordHash } = opts;
  const hired = (months: number) => addMonths(clock.today, -months);
  const email = (login: string) => `${login}@${emailDomain}`;
  const executiveId = newId();
  const company: DemoTeam = { id: newId(), key: 'company', name: '销售中心', managerId: executiveId, regions: ['华东', '华南', '华北', '西南', '华中'] };
  const executive: DemoUser = { id: executiveId, name: '王建国', email: email('exec'), role: 'executive', team: company, hiredOn: hired(118), territory: [], skill: 1 };
  const teams: DemoTeam[] = [];
  const managers: DemoUser[] = [];
  const reps: DemoUser[] = [];
  for (const plan of TEAM_PLANS) {
    const managerId = newId();
    const team: DemoTeam = { id: newId(), key: plan.key, name: plan.name, managerId, regions: plan.regions };
    teams.push(team);
    managers.push({ id: managerId, name: plan.manager.name, email: email(plan.manager.login), role: 'manager', team, hiredOn: hired(plan.manager.monthsHired), territory: [], skill: 1 });
    for (const rep of plan.reps) {
      reps.push({ id: newId(), name: rep.name, email: email(rep.login), role: 'rep', team, hiredOn: hired(rep.monthsHired), territory: rep.territory, skill: rep.skill });
    }
  }
  const now = clock.now;
  // managers are set after the users exist (teams.manager_id references users)
  const teamRows: Row<'teams'>[] = [company, ...teams].map((t) => ({ id: t.id, tenant_id: tenantId, name: t.name, parent_id: t.key === 'company' ? null : company.id, manager_id: null, updated_at: now }));
  const userRows: Row<'users'>[] = [executive, ...managers, ...reps].map((u) => ({
    id: u.id,
    tenant_id: tenantId,
    email: u.email,
    name: u.name,
    role: u.role,
    team_id: u.team.id,
    password_hash: passwordHash,
    hired_on: u.hiredOn,
    updated_at: now,
  }));
  return { company, teams, executive, managers, reps, teamRows, userRows };
}
