import type { Asset, Customer, Person, Policy, Role, Team } from '../schema';
import { DEMO_REGIONS, CUSTOMER_NAMES, GIVEN_ZH, NAMES_EN, PRODUCT_LINES, SURNAMES_ZH } from './demoCatalog';
import { DEFAULT_ASSESSMENT_TEMPLATE, DEFAULT_ESCALATION_RULES, DEFAULT_PRIORITY, DEFAULT_SLA_TARGETS, REOPEN_WINDOW_DAYS, WARNING_RATIO } from './defaults';
import { uuidV7 } from './ids';

// The demo organisation: policies, teams, about 40 people, 60 customers, 1,500 assets.

export interface Rng {
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(list: readonly T[]) => T;
  chance: (p: number) => boolean;
  id: (ms: number) => string;
}

export function makeRng(next: () => number): Rng {
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)]!,
    chance: (p) => next() < p,
    id: (ms) => uuidV7(ms, next),
  };
}

export interface DemoLogin {
  username: string;
  displayName: string;
  role: Role;
}

export interface DemoOrg {
  policies: Policy[];
  teams: Team[];
  people: Person[];
  customers: Customer[];
  assets: Asset[];
  logins: DemoLogin[];
  /** L1 team and its members per region, for ticket assignment. */
  fieldTeams: Map<string, { team: Team; members: Person[] }>;
}

export function generateOrg(rng: Rng, start: number): DemoOrg {
  const at = new Date(start).toISOString();
  const stamp = () => ({ id: rng.id(start), createdAt: at, updatedAt: at });
  const policies: Policy[] = [
    { ...stamp(), name: 'Default SLA', active: true, kind: 'sla', sla: { customerId: null, warningRatio: WARNING_RATIO, targets: DEFAULT_SLA_TARGETS } },
    { ...stamp(), name: 'Escalation matrix', active: true, kind: 'escalation', escalation: { rules: DEFAULT_ESCALATION_RULES } },
    { ...stamp(), name: 'Priority matrix', active: true, kind: 'priority', priority: DEFAULT_PRIORITY },
    { ...stamp(), name: 'Quarterly assessment 季度考核', active: true, kind: 'assessmentTemplate', assessmentTemplate: DEFAULT_ASSESSMENT_TEMPLATE },
    { ...stamp(), name: 'General', active: true, kind: 'general', general: { reopenWindowDays: REOPEN_WINDOW_DAYS } },
    ...DEMO_REGIONS.map((r): Policy => ({ ...stamp(), name: `${r.nameEn} calendar ${r.nameZh}`, active: true, kind: 'calendar', calendar: r.calendar })),
  ];

  const people: Person[] = [];
  const logins: DemoLogin[] = [];
  const used = new Set<string>();
  let zhIndex = 0;
  const nameFor = (region: string): { en: string; zh?: string } => {
    if (region === 'cn-east' || region === 'global') {
      const s = SURNAMES_ZH[zhIndex % SURNAMES_ZH.length]!;
      const g = GIVEN_ZH[(zhIndex * 7 + 3) % GIVEN_ZH.length]!;
      zhIndex++;
      return { en: `${s[0]} ${g[0]}`, zh: `${s[1]}${g[1]}` };
    }
    const list = NAMES_EN[region]!;
    return { en: list[people.filter((p) => p.region === region).length % list.length]! };
  };
  const person = (o: { prefix: string; region: string; roles: Role[]; title: Person['title']; teamId: string | null; managerId: string | null; skills?: string[]; login?: boolean }): Person => {
    const n = nameFor(o.region);
    // Demo login identities get the role as a memorable username (admin, manager, technician...).
    let username = o.login ? o.roles[0]! : `${o.prefix}.${n.en.split(' ').pop()!.toLowerCase().replace(/[^a-z]/g, '')}`;
    for (let i = 2; used.has(username); i++) username = `${o.prefix}.${n.en.split(' ').pop()!.toLowerCase().replace(/[^a-z]/g, '')}${i}`;
    used.add(username);
    const p: Person = {
      ...stamp(),
      username,
      displayName: n.en,
      ...(n.zh ? { displayNameZh: n.zh } : {}),
      email: `${username}@cims.example.com`,
      roles: o.roles,
      title: o.title,
      teamId: o.teamId,
      managerId: o.managerId,
      skills: o.skills ?? [],
      region: o.region,
      locale: n.zh ? 'zh-CN' : 'en',
      active: true,
    };
    people.push(p);
    if (o.login) logins.push({ username, displayName: n.en, role: o.roles[0]! });
    return p;
  };

  const admin = person({ prefix: 'admin', region: 'global', roles: ['admin'], title: 'staff', teamId: null, managerId: null, login: true });
  person({ prefix: 'hr', region: 'cn-east', roles: ['assessor'], title: 'staff', teamId: null, managerId: null, login: true });
  person({ prefix: 'hr', region: 'eu-central', roles: ['assessor'], title: 'staff', teamId: null, managerId: null });
  const dirAsia = person({ prefix: 'dir', region: 'cn-east', roles: ['manager'], title: 'regional_director', teamId: null, managerId: null });
  const dirWest = person({ prefix: 'dir', region: 'eu-central', roles: ['manager'], title: 'regional_director', teamId: null, managerId: null });
  const managers = new Map<string, Person>();
  for (const r of DEMO_REGIONS) {
    const dir = r.code === 'cn-east' || r.code === 'me-gulf' ? dirAsia : dirWest;
    managers.set(r.code, person({ prefix: 'mgr', region: r.code, roles: ['manager'], title: 'service_manager', teamId: null, managerId: dir.id, login: r.code === 'cn-east' }));
  }
  void admin;

  const teams: Team[] = [];
  const team = (o: Omit<Team, 'id' | 'createdAt' | 'updatedAt' | 'leadId' | 'active'>): Team => {
    const t: Team = { ...stamp(), ...o, leadId: null, active: true };
    teams.push(t);
    return t;
  };
  const staff = (t: Team, n: number, prefix: string, role: Role, managerId: string, region: string, skills: string[], loginFirstMember: boolean) => {
    const members: Person[] = [];
    for (let i = 0; i < n; i++)
      members.push(person({ prefix, region, roles: [role], title: i === 0 ? 'team_lead' : 'staff', teamId: t.id, managerId, skills, login: loginFirstMember && i === 1 }));
    t.leadId = members[0]!.id;
    return members;
  };

  const fieldTeams = new Map<string, { team: Team; members: Person[] }>();
  for (const r of DEMO_REGIONS) {
    const mgr = managers.get(r.code)!;
    const t = team({ name: `${r.nameEn} field team`, nameZh: `${r.nameZh}现场组`, level: 'L1', function: 'field', region: r.code, productLines: [], managerId: mgr.id });
    fieldTeams.set(r.code, { team: t, members: staff(t, 5, 'tech', 'technician', mgr.id, r.code, ['field', 'transport', 'wireless'], r.code === 'cn-east') });
  }
  for (const [region, nameEn, nameZh] of [['cn-east', 'Asia technical support', '亚太技术支持'], ['eu-central', 'EMEA & LatAm technical support', '欧洲拉美技术支持']] as const) {
    const mgr = managers.get(region)!;
    const t = team({ name: nameEn, nameZh, level: 'L2', function: 'technical_support', region, productLines: [], managerId: mgr.id });
    staff(t, 3, 'eng', 'engineer', mgr.id, region, ['remote diagnosis'], region === 'cn-east');
  }
  const rnd = [
    { lines: ['wireless', 'core'], nameEn: 'R&D wireless & core', nameZh: '无线与核心网研发', mgrRegion: 'cn-east' },
    { lines: ['transport', 'datacom'], nameEn: 'R&D transport & datacom', nameZh: '传送与数通研发', mgrRegion: 'eu-central' },
  ];
  for (const r of rnd) {
    const mgr = managers.get(r.mgrRegion)!;
    const t = team({ name: r.nameEn, nameZh: r.nameZh, level: 'L3', function: 'rnd', region: 'global', productLines: r.lines, managerId: mgr.id });
    staff(t, 2, 'exp', 'expert', mgr.id, 'global', r.lines, r.mgrRegion === 'cn-east');
  }
  const parts = team({ name: 'Spare parts & logistics', nameZh: '备件物流', level: null, function: 'spare_parts', region: 'global', productLines: [], managerId: managers.get('cn-east')!.id });
  staff(parts, 1, 'parts', 'technician', managers.get('cn-east')!.id, 'global', ['logistics'], false);

  // Customers: 60, one in five a key account (关键客户), spread over the regions.
  const customers: Customer[] = [];
  for (let i = 0; i < 60; i++) {
    const region = DEMO_REGIONS[i % DEMO_REGIONS.length]!;
    const [en, zh] = CUSTOMER_NAMES[i % CUSTOMER_NAMES.length]!;
    const suffix = i >= CUSTOMER_NAMES.length ? ` ${Math.floor(i / CUSTOMER_NAMES.length) + 1}` : '';
    const sites = Array.from({ length: rng.int(1, 4) }, (_, s) => {
      const city = rng.pick(region.cities);
      return { id: rng.id(start), name: `${city} ${region.lang === 'zh' ? '机房' : 'site'} ${s + 1}`, region: region.code, timeZone: region.calendar.timeZone, address: city };
    });
    const contact = region.lang === 'zh' ? `${rng.pick(SURNAMES_ZH)[1]}${rng.pick(GIVEN_ZH)[1]}` : rng.pick(NAMES_EN[region.code]!);
    customers.push({
      ...stamp(),
      code: `CU-${String(i + 1).padStart(4, '0')}`,
      name: en + suffix,
      nameZh: zh + suffix,
      tier: i % 5 === 0 ? 'key' : 'general',
      region: region.code,
      timeZone: region.calendar.timeZone,
      contacts: [{ name: contact, phone: `+${rng.int(10, 99)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`, email: `noc${i + 1}@customer${i + 1}.example.com` }],
      sites,
      active: true,
    });
  }

  // Installed base: racks -> shelves -> boards on every site, 1,500 assets in all.
  const assets: Asset[] = [];
  const allSites = customers.flatMap((c) => c.sites.map((s) => ({ c, s })));
  let k = 0;
  const asset = (o: Pick<Asset, 'kind' | 'model' | 'productLine' | 'customerId' | 'siteId' | 'parentId'>, install: string): Asset => {
    k++;
    const a: Asset = {
      ...stamp(),
      ...o,
      assetCode: `AS-${String(k).padStart(6, '0')}`,
      serial: `21${rng.int(0, 0xffffff).toString(16).toUpperCase().padStart(6, '0')}${String(k).padStart(6, '0')}`,
      rfidTag: `E200${rng.int(0, 0xfffffff).toString(16).toUpperCase().padStart(7, '0')}${String(k).padStart(9, '0')}`,
      installDate: install,
      warrantyEnd: `${Number(install.slice(0, 4)) + 3}${install.slice(4)}`,
      status: rng.chance(0.03) ? 'under_repair' : rng.chance(0.02) ? 'spare' : 'in_service',
      // Every 40th asset is customer property held in our repair centre; spares are ours.
      ...demoOwnership(k, install),
    };
    if (a.status === 'spare') a.ownership = 'ours';
    a.lifecycle = demoLifecycle(a, at.slice(0, 10));
    assets.push(a);
    return a;
  };
  for (let i = 0; assets.length < 1500; i++) {
    const { c, s } = allSites[i % allSites.length]!;
    const pl = rng.pick(PRODUCT_LINES);
    const install = `${rng.int(2019, 2025)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const rack = asset({ kind: 'rack', model: rng.pick(pl.racks), productLine: pl.line, customerId: c.id, siteId: s.id, parentId: null }, install);
    for (let sh = rng.int(1, 2); sh > 0 && assets.length < 1500; sh--) {
      const shelf = asset({ kind: 'shelf', model: `${rack.model}-SUBRACK`, productLine: pl.line, customerId: c.id, siteId: s.id, parentId: rack.id }, install);
      for (let b = rng.int(2, 4); b > 0 && assets.length < 1500; b--)
        asset({ kind: 'board', model: rng.pick(pl.boards), productLine: pl.line, customerId: c.id, siteId: s.id, parentId: shelf.id }, install);
    }
  }
  return { policies, teams, people, customers, assets, logins, fieldTeams };
}

/** Demo asset ownership and custody, from the running number (no draws: the rest of the demo stays as it was). */
function demoOwnership(k: number, install: string): Pick<Asset, 'ownership' | 'contractEnd' | 'custody' | 'lifecycle'> {
  const customerHeld = k % 40 === 0;
  return {
    ownership: 'customer',
    contractEnd: `${Number(install.slice(0, 4)) + 5}${install.slice(4)}`,
    custody: customerHeld ? [{ event: 'received', at: install, by: '', note: 'RMA intake' }] : [],
    lifecycle: [],
  };
}

/** Demo lifecycle: acquired and registered on the install date, then the current state. */
function demoLifecycle(a: Asset, registered: string): Asset['lifecycle'] {
  const at = a.installDate < registered ? a.installDate : registered;
  const steps: Asset['lifecycle'] = [
    { state: 'acquired', at, by: '', note: '' },
    { state: 'registered', at, by: '', note: '' },
  ];
  if (a.status !== 'spare') steps.push({ state: 'in_service', at: a.installDate, by: '', note: '' });
  if (a.status === 'under_repair') steps.push({ state: 'under_maintenance', at: registered, by: '', note: '' });
  return steps;
}
