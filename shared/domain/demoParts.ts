import type { CimsRecord, PartRecord, Person, StockMovementRecord, SupplierRecord, TicketEvent } from '../schema';
import type { Rng } from './demoOrg';

// Demo spare parts (DOMAIN.md, "Visits and spare parts", "Suppliers"): a catalogue of the
// boards the demo tickets already book plus a few consumables, three suppliers, van stock
// issued to every technician, and one stock movement for each `part` event of the demo
// timelines (some with the removed unit flagged defective). Generated after every other
// demo document, so those stay what they were.

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

const SUPPLIERS: { key: string; name: string; nameZh: string; kinds: SupplierRecord['body']['kinds']; contact: string; phone: string; email: string }[] = [
  { key: 'jinling', name: 'Jinling Electronics', nameZh: '金陵电子', kinds: ['parts'], contact: 'Li Wei 李伟', phone: '+86 25 5555 0101', email: 'service@jinling.example.com' },
  { key: 'pearl', name: 'Pearl River Components', nameZh: '珠江元器件', kinds: ['parts'], contact: 'Chen Fang 陈芳', phone: '+86 20 5555 0202', email: 'rma@pearlriver.example.com' },
  { key: 'huadong', name: 'Huadong Network Services', nameZh: '华东网络维保', kinds: ['maintenance', 'parts'], contact: 'Zhou Jie 周杰', phone: '+86 21 5555 0303', email: 'noc@huadong-ns.example.com' },
];

/** [part number, English name, Chinese name, serialised, supplier, product line] */
const CATALOGUE: [string, string, string, boolean, string, string][] = [
  ['UBBP', 'Baseband processing board', '基带处理板', true, 'jinling', 'wireless'],
  ['UMPT', 'Main control and transmission board', '主控传输板', true, 'jinling', 'wireless'],
  ['RRU-5258', 'Remote radio unit 5258', '射频拉远单元 5258', true, 'jinling', 'wireless'],
  ['AAU-5613', 'Active antenna unit 5613', '有源天线单元 5613', true, 'jinling', 'wireless'],
  ['TN54NS4', 'NS4 line board', 'NS4 线路板', true, 'jinling', 'transport'],
  ['TNG1M402', 'M402 multiplexer board', 'M402 合分波板', true, 'jinling', 'transport'],
  ['TN52SCC', 'System control board', '系统控制板', true, 'jinling', 'transport'],
  ['TNF2AUX', 'Auxiliary interface board', '辅助接口板', true, 'jinling', 'transport'],
  ['CGPOMU', 'Operation and maintenance unit', '操作维护单元', true, 'pearl', 'core'],
  ['SWU', 'Switching unit', '交换单元', true, 'pearl', 'core'],
  ['PSU-3000', 'Power supply unit 3000 W', '3000 瓦电源模块', true, 'pearl', 'core'],
  ['LPUF-480', 'Line processing unit 480G', '480G 线路处理板', true, 'pearl', 'datacom'],
  ['MPUE', 'Main processing unit', '主控板', true, 'pearl', 'datacom'],
  ['SFU-X8', 'Switch fabric unit X8', 'X8 交换网板', true, 'pearl', 'datacom'],
  ['SFP-10G-LR', 'Optical module 10G LR', '10G 长距光模块', true, 'huadong', ''],
  ['FAN-TRAY-2', 'Fan tray', '风扇框', false, 'huadong', ''],
  ['FUSE-10A', 'Fuse 10 A', '10 安保险丝', false, 'pearl', ''],
  ['LC-PATCH-3M', 'Fibre patch cord LC 3 m', 'LC 光纤跳线 3 米', false, 'huadong', ''],
];

export function generateParts(rng: Rng, input: { people: Person[]; events: TicketEvent[]; start: number; end: number }): CimsRecord[] {
  const at0 = iso(input.start - 60 * DAY);
  const suppliers = new Map<string, SupplierRecord>();
  for (const s of SUPPLIERS) {
    suppliers.set(s.key, {
      id: rng.id(input.start - 60 * DAY), createdAt: at0, updatedAt: at0, kind: 'supplier', ref: '', ref2: '', status: 'active',
      body: { name: s.name, nameZh: s.nameZh, kinds: s.kinds, contact: s.contact, phone: s.phone, email: s.email, note: '' },
    });
  }
  const parts = new Map<string, PartRecord>();
  for (const [partNumber, nameEn, nameZh, serialised, supplier, productLine] of CATALOGUE) {
    parts.set(partNumber, {
      id: rng.id(input.start - 60 * DAY), createdAt: at0, updatedAt: at0, kind: 'part', ref: suppliers.get(supplier)!.id, ref2: partNumber, status: 'active',
      body: { partNumber, nameEn, nameZh, serialised, unit: 'pc', productLine, note: '' },
    });
  }

  const movement = (part: PartRecord, holder: string, ms: number, status: StockMovementRecord['status'], body: Partial<StockMovementRecord['body']> & Pick<StockMovementRecord['body'], 'quantity' | 'delta' | 'by'>): StockMovementRecord => ({
    id: rng.id(ms), createdAt: iso(ms), updatedAt: iso(ms), kind: 'stockMovement', ref: part.id, ref2: holder, status,
    body: { ticketId: null, eventId: null, serialIn: '', serialOut: '', defective: false, source: 'van', sourceNote: '', at: iso(ms), note: '', ...body },
  });

  // One movement per part fitted on a demo ticket; about one in ten removed units was defective.
  const uses: StockMovementRecord[] = [];
  const used = new Map<string, number>();
  for (const e of input.events) {
    if (e.kind !== 'part' || e.partAction !== 'used') continue;
    const part = parts.get(e.partNumber);
    if (!part) continue;
    const defective = rng.chance(0.1);
    uses.push(movement(part, e.authorId, Date.parse(e.at), 'use', {
      quantity: e.quantity, delta: -e.quantity, ticketId: e.ticketId, eventId: e.id, serialIn: e.serial, serialOut: defective ? `21${rng.int(100000, 999999)}` : '', defective, by: e.authorId,
    }));
    const key = `${e.authorId} ${part.id}`;
    used.set(key, (used.get(key) ?? 0) + e.quantity);
  }

  // Van stock issued by the parts desk before the year: what each holder fits, plus a reserve
  // of at least three of every part (one may still go back dead on arrival).
  const desk = input.people.find((p) => p.roles.includes('manager'))?.id ?? input.people[0]!.id;
  const technicians = input.people.filter((p) => p.roles.includes('technician') && p.active);
  const issues: StockMovementRecord[] = [];
  const holders = new Set([...technicians.map((p) => p.id), ...[...used.keys()].map((k) => k.split(' ')[0]!)]);
  for (const holder of holders) {
    const isTech = technicians.some((p) => p.id === holder);
    for (const part of parts.values()) {
      const q = (used.get(`${holder} ${part.id}`) ?? 0) + (isTech ? rng.int(3, 6) : 0);
      if (q > 0) issues.push(movement(part, holder, input.start - 30 * DAY, 'issue', { quantity: q, delta: q, by: desk, note: 'Van kit 车载备件' }));
    }
  }
  // Now and then a unit from the van turns out dead in its box and goes back to the supplier.
  const returns: StockMovementRecord[] = [];
  for (const t of technicians) {
    if (!rng.chance(0.3)) continue;
    const part = rng.pick([...parts.values()]);
    const ms = input.start + rng.int(10, 350) * DAY;
    returns.push(movement(part, t.id, Math.min(ms, input.end), 'defective_return', { quantity: 1, delta: -1, defective: true, serialOut: part.body.serialised ? `21${rng.int(100000, 999999)}` : '', by: t.id, note: 'Dead on arrival 开箱即坏' }));
  }
  return [...suppliers.values(), ...parts.values(), ...issues, ...uses, ...returns];
}
