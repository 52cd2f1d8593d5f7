// Demo customers (客户) across the five regions and eight industries, each with its decision chain.
import { addDays, addMonths, DAY_MS, dayStart, instantBetween, officeTime, type Clock } from './demo-calendar.ts';
import { ACCOUNT_SIZES, INDUSTRIES, INDUSTRY_PROFILES, SIZE_PROFILES, type Industry } from './demo-catalog.ts';
import { CITIES, nearCity, streetAddress, type City } from './demo-geo.ts';
import type { BuildContext, DemoAccount, DemoContact, DemoUser, Row } from './demo-model.ts';
import { brand, personName } from './demo-names.ts';
import type { Random } from './demo-random.ts';
import { newId } from '../../platform/ids.ts';

export const ACCOUNT_COUNT = 200;

/** From when a customer can have touches this year: it exists, and its owner works here. */
export const workedSince = (clock: Clock, account: DemoAccount): number => Math.max(clock.historyStart, account.createdAt.getTime(), dayStart(account.owner.hiredOn));

const TITLES: Record<DemoContact['decisionRole'], { company: readonly string[]; institution: readonly string[] }> = {
  decision_maker: { company: ['总经理', '副总经理', '董事长', '采购总监', 'CIO', '财务总监'], institution: ['院长', '副院长', '校长', '分管副行长'] },
  influencer: { company: ['技术总监', 'IT经理', '生产经理', '运营总监', '项目经理'], institution: ['信息中心主任', '设备科科长', '教务处处长', '科技部总经理'] },
  user: { company: ['销售主管', '工程师', '运营专员', '质量主管', '财务专员'], institution: ['护士长', '科室主任', '教研组长', '业务骨干'] },
  gatekeeper: { company: ['采购经理', '总经理助理', '行政主管', '采购专员'], institution: ['办公室主任', '采购办专员', '院办秘书'] },
};
const INFLUENCE: Record<DemoContact['decisionRole'], readonly [number, number]> = { decision_maker: [4, 5], influencer: [3, 4], user: [1, 3], gatekeeper: [2, 3] };
const CONTACTS_BY_SIZE = { small: [2, 3], medium: [2, 4], large: [3, 5], enterprise: [4, 5] } as const;

export interface DemoAccounts {
  accounts: DemoAccount[];
  accountRows: Row<'accounts'>[];
  contactRows: Row<'contacts'>[];
}

/** A company or institution name not used yet, e.g. 杭州瑞康医疗器械有限公司 or 苏州恒达医院. */
export function companyName(rng: Random, industry: Industry, city: City, taken: Set<string>) {
  const profile = INDUSTRY_PROFILES[industry];
  for (;;) {
    const b = brand(rng);
    const institution = profile.institutions.length > 0 && rng.chance(0.35) ? rng.pick(profile.institutions) : null;
    const tail = institution ?? rng.pick(profile.companyWords);
    const name = institution || rng.chance(0.85) ? `${city.name}${b.text}${tail}` : `${b.text}${tail}`;
    if (taken.has(name)) continue;
    taken.add(name);
    const domainSuffix = institution ? (industry === '教育' ? '.edu.cn' : '.org.cn') : rng.pick(['.com', '.com.cn', '.cn']);
    return { name, institution, shortName: b.text + (institution ?? profile.shortWord), emailDomain: b.pinyin + domainSuffix };
  }
}

export function pickOwner(rng: Random, reps: readonly DemoUser[], city: City, newcomersSince: string): DemoUser {
  const covering = reps.filter((r) => r.territory.includes(city.region));
  // the first region listed is a rep's home territory; reps hired this year inherit fewer customers
  return rng.weighted(covering.map((r) => [r, (r.territory[0] === city.region ? 1 : 0.4) * (r.hiredOn > newcomersSince ? 0.6 : 1)] as const));
}

function buildContacts(ctx: BuildContext, account: DemoAccount, institution: boolean): Row<'contacts'>[] {
  const { rng, clock, tenantId } = ctx;
  const [min, max] = CONTACTS_BY_SIZE[account.size];
  const count = rng.int(min, max);
  const roles: DemoContact['decisionRole'][] = ['decision_maker', rng.pick(['influencer', 'gatekeeper'] as const)];
  while (roles.length < count) roles.push(rng.weighted([['influencer', 3], ['user', 3], ['gatekeeper', 1], ['decision_maker', 1]] as const));
  const usedEmails = new Set<string>();
  return roles.map((decisionRole) => {
    const person = personName(rng);
    const title = rng.pick(institution ? TITLES[decisionRole].institution : TITLES[decisionRole].company);
    const contact: DemoContact = { id: newId(), name: person.name, title, decisionRole };
    account.contacts.push(contact);
    let local = person.surnamePinyin;
    while (usedEmails.has(local)) local = `${person.surnamePinyin}${rng.int(2, 99)}`;
    usedEmails.add(local);
    const at = instantBetween(rng, account.createdAt, new Date(Math.min(clock.now.getTime(), account.createdAt.getTime() + 3 * DAY_MS)));
    return {
      id: contact.id,
      tenant_id: tenantId,
      account_id: account.id,
      name: person.name,
      title,
      phone: rng.mobile(),
      email: rng.chance(0.8) ? `${local}@${account.emailDomain}` : null,
      wechat: rng.chance(0.6) ? `wxid_${rng.token(10)}` : null,
      decision_role: decisionRole,
      influence: rng.int(...INFLUENCE[decisionRole]),
      owner_id: account.owner.id,
      created_at: at,
      updated_at: at,
    };
  });
}

export function buildAccounts(ctx: BuildContext, reps: readonly DemoUser[], takenNames: Set<string>): DemoAccounts {
  const { rng, clock, tenantId } = ctx;
  const accounts: DemoAccount[] = [];
  const accountRows: Row<'accounts'>[] = [];
  const contactRows: Row<'contacts'>[] = [];
  for (let i = 0; i < ACCOUNT_COUNT; i++) {
    // the first eight customers cover every industry, whatever the weights draw
    const industry = i < INDUSTRIES.length ? INDUSTRIES[i] : rng.weighted(INDUSTRIES.map((k) => [k, INDUSTRY_PROFILES[k].weight] as const));
    const city = i < CITIES.length ? CITIES[i] : rng.weighted(CITIES.map((c) => [c, c.weight] as const));
    const named = companyName(rng, industry, city, takenNames);
    const size = named.institution ? rng.pick(['large', 'enterprise', 'large', 'medium'] as const) : rng.weighted(ACCOUNT_SIZES.map((s) => [s, SIZE_PROFILES[s].share] as const));
    // most customers predate the 12 months of history; a third are new logos from this year
    const ageDays = rng.chance(0.68) ? rng.int(370, 1200) : rng.int(5, 360);
    const createdAt = officeTime(rng, addDays(clock.today, -ageDays));
    const account: DemoAccount = {
      id: newId(),
      name: named.name,
      shortName: named.shortName,
      industry,
      city,
      size,
      monthlyBilling: rng.chance(INDUSTRY_PROFILES[industry].monthlyShare),
      owner: pickOwner(rng, reps, city, addMonths(clock.today, -12)),
      createdAt,
      emailDomain: named.emailDomain,
      contacts: [],
    };
    accounts.push(account);
    const { lat, lng } = nearCity(rng, city);
    accountRows.push({
      id: account.id,
      tenant_id: tenantId,
      name: account.name,
      industry,
      region: city.region,
      size,
      billing_model: account.monthlyBilling ? 'monthly' : 'annual',
      owner_id: account.owner.id,
      address: streetAddress(rng, city),
      lat,
      lng,
      created_at: createdAt,
      updated_at: createdAt,
    });
    contactRows.push(...buildContacts(ctx, account, named.institution !== null));
  }
  return { accounts, accountRows, contactRows };
}
