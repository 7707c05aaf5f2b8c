import { v7 as uuidv7 } from 'uuid';
import { defaultPolicies } from '../shared/domain/defaults';
import { aCustomer, aCycle, anAssessment, anAsset, aTicket } from '../shared/domain/testing/builders';
import type { Person, Team } from '../shared/schema';
import { createUser, findUserByName } from './auth/users';
import type { ServerConfig } from './config';
import type { Db } from './db/db';
import { writeServerDocs } from './sync/engine';
import type { AccessContext, Registry } from './sync/registry';

/** Every demo login uses this password (documented in the CLI help and printed at start). */
export const DEMO_PASSWORD = 'cims-demo';

export interface DemoData {
  collections: Record<string, Record<string, unknown>[]>;
  people: Person[];
}

/**
 * A small demo organisation: two regions, field / L2 / L3 teams, one login per role, a few
 * customers, assets and open tickets, the shipped policies and a running assessment cycle.
 * (Replace with the domain generator's organisation once it exists.)
 */
export function demoOrganisation(now = Date.now()): DemoData {
  const iso = new Date(now).toISOString();
  const ts = { createdAt: iso, updatedAt: iso };
  const id = () => uuidv7();
  const teamIds = { field: id(), l2: id(), l3: id(), south: id() };
  const pid = { director: id(), manager: id(), manager2: id(), tech: id(), tech2: id(), engineer: id(), expert: id(), assessor: id(), admin: id() };
  const team = (tid: string, name: string, nameZh: string, level: Team['level'], fn: Team['function'], region: string, managerId: string): Team => ({
    id: tid, ...ts, name, nameZh, level, function: fn, region, productLines: [], leadId: null, managerId, active: true,
  });
  const teams = [
    team(teamIds.field, 'Shanghai field team', '上海现场组', 'L1', 'field', 'cn-east', pid.manager),
    team(teamIds.l2, 'East technical support', '华东技术支持', 'L2', 'technical_support', 'cn-east', pid.manager),
    team(teamIds.l3, 'Transport R&D', '传输研发', 'L3', 'rnd', 'cn-east', pid.director),
    team(teamIds.south, 'Guangzhou field team', '广州现场组', 'L1', 'field', 'cn-south', pid.manager2),
  ];
  const person = (key: keyof typeof pid, username: string, displayName: string, roles: Person['roles'], teamId: string | null, managerId: string | null, title: Person['title'], region = 'cn-east'): Person => ({
    id: pid[key], ...ts, username, displayName, email: `${username}@demo.invalid`, roles, title, teamId, managerId, skills: [], region, locale: 'zh-CN', active: true,
  });
  const people = [
    person('director', 'director', 'Wang Director', ['manager'], null, null, 'regional_director'),
    person('manager', 'manager', 'Chen Manager', ['manager'], teamIds.field, pid.director, 'service_manager'),
    person('manager2', 'manager.south', 'Liu Manager', ['manager'], teamIds.south, null, 'service_manager', 'cn-south'),
    person('tech', 'technician', 'Zhang Technician', ['technician'], teamIds.field, pid.manager, 'staff'),
    person('tech2', 'technician.south', 'Huang Technician', ['technician'], teamIds.south, pid.manager2, 'staff', 'cn-south'),
    person('engineer', 'engineer', 'Li Engineer', ['engineer'], teamIds.l2, pid.manager, 'staff'),
    person('expert', 'expert', 'Zhao Expert', ['expert'], teamIds.l3, pid.director, 'staff'),
    person('assessor', 'assessor', 'Sun Assessor', ['assessor'], null, null, 'staff'),
    person('admin', 'admin', 'Admin', ['admin'], null, null, 'staff'),
  ];
  const customer = aCustomer({ id: id(), ...ts });
  const keyCustomer = aCustomer({ id: id(), ...ts, code: 'CU-0002', name: 'South Mobile', nameZh: '南方移动', tier: 'key', region: 'cn-south', sites: [{ id: id(), name: 'Tianhe core', region: 'cn-south', timeZone: 'Asia/Shanghai', address: 'Guangzhou' }] });
  const site = customer.sites[0]!;
  const asset = anAsset({ id: id(), ...ts, customerId: customer.id, siteId: site.id });
  const ticket = (over: Parameters<typeof aTicket>[0]) => aTicket({ id: id(), ...ts, customerId: customer.id, siteId: site.id, createdBy: pid.manager, slaDueAt: iso, ...over });
  const tickets = [
    ticket({ title: 'Board alarm on OSN rack 板卡告警', severity: 'major', priority: 'P2', teamId: teamIds.field, assigneeId: pid.tech, assetId: asset.id, provisionalNumber: 'P-DEMO-0001' }),
    ticket({ title: 'Traffic loss on ring 3 业务中断', severity: 'critical', priority: 'P1', status: 'in_progress', teamId: teamIds.l2, assigneeId: pid.engineer, respondedAt: iso, provisionalNumber: 'P-DEMO-0002' }),
    ticket({ title: 'Login question 登录咨询', type: 'inquiry', severity: 'minor', priority: 'P4', problemReport: false, teamId: teamIds.field, assigneeId: '', provisionalNumber: 'P-DEMO-0003' }),
    ticket({ title: 'Fan noise at Tianhe 风扇噪音', severity: 'minor', priority: 'P2', customerId: keyCustomer.id, siteId: keyCustomer.sites[0]!.id, region: 'cn-south', teamId: teamIds.south, assigneeId: pid.tech2, provisionalNumber: 'P-DEMO-0004' }),
  ];
  const policies = defaultPolicies({ now, id });
  const template = policies.find((p) => p.kind === 'assessmentTemplate');
  const cycle = aCycle({ id: id(), ...ts, templatePolicyId: template?.id ?? id() });
  const assessments = [pid.tech, pid.engineer].map((personId) => anAssessment({ id: id(), ...ts, cycleId: cycle.id, personId, managerId: pid.manager }));
  return {
    people,
    collections: {
      teams,
      people,
      policies,
      customers: [customer, keyCustomer],
      assets: [asset],
      tickets,
      assessmentCycles: [cycle],
      assessments,
    } as unknown as Record<string, Record<string, unknown>[]>,
  };
}

/** Loads the demo organisation once (skips when its admin login exists); returns the logins text. */
export async function loadDemo(db: Db, registry: Registry<AccessContext>, config: Pick<ServerConfig, 'argon2MemoryKib'>, now = Date.now()): Promise<string> {
  let data: DemoData | null = null;
  if (!(await findUserByName(db, 'admin'))) {
    data = demoOrganisation(now);
    const d = data;
    await db.transaction(async (tx) => {
      for (const [name, list] of Object.entries(d.collections)) {
        const spec = registry.get(name);
        if (spec) await writeServerDocs(tx, spec, list.map((doc) => ({ doc })));
      }
    });
    for (const p of d.people) {
      await createUser(db, { id: p.id, username: p.username, password: DEMO_PASSWORD, displayName: p.displayName, roles: p.roles, teamId: p.teamId }, config.argon2MemoryKib);
    }
  }
  const users = await db.query<{ username: string; roles: string[]; display_name: string }>('select username, roles, display_name from users order by username');
  const lines = users.rows.map((u) => `  ${u.username.padEnd(18)} ${u.roles.join(',').padEnd(12)} ${u.display_name}`);
  return [`Demo logins (password for all: ${DEMO_PASSWORD}):`, ...lines].join('\n');
}
