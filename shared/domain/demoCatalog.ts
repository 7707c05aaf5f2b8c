import type { BusinessCalendar } from '../schema';

// Fixed catalogue of the demo organisation: regions with zones and holidays, product lines,
// names and ticket texts in Chinese and English. Everything random is drawn in demo.ts.

export interface DemoRegion {
  code: string;
  nameEn: string;
  nameZh: string;
  lang: 'zh' | 'en';
  calendar: BusinessCalendar;
  cities: string[];
}

export const DEMO_REGIONS: DemoRegion[] = [
  {
    code: 'cn-east',
    nameEn: 'China East',
    nameZh: '华东',
    lang: 'zh',
    cities: ['上海', '杭州', '南京', '苏州', '宁波'],
    calendar: {
      region: 'cn-east',
      timeZone: 'Asia/Shanghai',
      workingDays: [1, 2, 3, 4, 5],
      // Lunch break as in most Chinese offices.
      hours: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
      ],
      holidays: [
        '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08',
        '2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23',
        '2026-04-06', '2026-05-01', '2026-05-04', '2026-05-05', '2026-06-19', '2026-09-25',
        '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07',
      ],
      // 调休: weekend days worked in exchange for the long holidays.
      extraWorkingDays: ['2025-09-28', '2025-10-11', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-27', '2026-10-10'],
    },
  },
  {
    code: 'eu-central',
    nameEn: 'Europe Central',
    nameZh: '欧洲中部',
    lang: 'en',
    cities: ['Berlin', 'Munich', 'Frankfurt', 'Vienna', 'Zurich'],
    calendar: {
      region: 'eu-central',
      timeZone: 'Europe/Berlin',
      workingDays: [1, 2, 3, 4, 5],
      hours: [{ start: '08:00', end: '17:00' }],
      holidays: ['2025-10-03', '2025-12-25', '2025-12-26', '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-10-03', '2026-12-25', '2026-12-26'],
      extraWorkingDays: [],
    },
  },
  {
    code: 'me-gulf',
    nameEn: 'Middle East Gulf',
    nameZh: '中东海湾',
    lang: 'en',
    cities: ['Riyadh', 'Jeddah', 'Dammam', 'Doha', 'Kuwait City'],
    calendar: {
      region: 'me-gulf',
      timeZone: 'Asia/Riyadh',
      // Sunday to Thursday working week.
      workingDays: [7, 1, 2, 3, 4],
      hours: [{ start: '08:00', end: '17:00' }],
      holidays: ['2026-03-19', '2026-03-20', '2026-03-22', '2026-05-26', '2026-05-27', '2026-05-28', '2026-09-23'],
      extraWorkingDays: [],
    },
  },
  {
    code: 'latam',
    nameEn: 'Latin America South',
    nameZh: '拉美南部',
    lang: 'en',
    cities: ['São Paulo', 'Rio de Janeiro', 'Curitiba', 'Porto Alegre', 'Belo Horizonte'],
    calendar: {
      region: 'latam',
      timeZone: 'America/Sao_Paulo',
      workingDays: [1, 2, 3, 4, 5],
      hours: [{ start: '09:00', end: '18:00' }],
      holidays: ['2025-11-20', '2025-12-25', '2026-01-01', '2026-02-16', '2026-02-17', '2026-04-03', '2026-04-21', '2026-05-01', '2026-06-04', '2026-09-07', '2026-10-12', '2026-11-02'],
      extraWorkingDays: [],
    },
  },
];

export const PRODUCT_LINES = [
  { line: 'wireless', racks: ['BBU-5900', 'BTS-3900'], boards: ['UBBP', 'UMPT', 'RRU-5258', 'AAU-5613'] },
  { line: 'transport', racks: ['OSN-9800', 'OSN-1800'], boards: ['TN54NS4', 'TNG1M402', 'TN52SCC', 'TNF2AUX'] },
  { line: 'core', racks: ['UNC-9000', 'UDM-8000'], boards: ['CGPOMU', 'SWU', 'PSU-3000'] },
  { line: 'datacom', racks: ['NE40E-X8', 'CE12800'], boards: ['LPUF-480', 'MPUE', 'SFU-X8'] },
] as const;

export const CUSTOMER_NAMES: [string, string][] = [
  ['East Telecom', '东方电信'], ['Jiangnan Mobile', '江南移动'], ['Harbour Unicom', '港湾联通'], ['Lakeside Broadband', '湖畔宽带'],
  ['Yangtze Networks', '长江网络'], ['Pearl Cable', '明珠有线'], ['Golden Bridge Telecom', '金桥电信'], ['Qiantang Mobile', '钱塘移动'],
  ['Rhein Telekom', '莱茵电信'], ['Alpen Mobilfunk', '阿尔卑斯移动'], ['Donau Netz', '多瑙网络'], ['Nordlicht Carrier', '北光运营商'],
  ['Falke Broadband', '猎鹰宽带'], ['Spree Connect', '施普雷互联'], ['Isar Fiber', '伊萨尔光纤'], ['Main Data', '美因数据'],
  ['Desert Link', '沙漠通信'], ['Gulf Mobile', '海湾移动'], ['Oasis Telecom', '绿洲电信'], ['Falcon Net', '隼网'],
  ['Pearl Gulf Carrier', '珍珠湾运营商'], ['Najd Broadband', '纳季德宽带'], ['Red Sea Telecom', '红海电信'], ['Dune Networks', '沙丘网络'],
  ['Paulista Telecom', '保利斯塔电信'], ['Atlântico Móvel', '大西洋移动'], ['Serra Fibra', '山脉光纤'], ['Pampa Net', '潘帕网络'],
  ['Carioca Conecta', '卡里奥卡互联'], ['Iguaçu Dados', '伊瓜苏数据'], ['Cerrado Telecom', '塞拉多电信'], ['Amazônia Link', '亚马逊通信'],
];

export const SURNAMES_ZH: [string, string][] = [
  ['Zhang', '张'], ['Wang', '王'], ['Li', '李'], ['Liu', '刘'], ['Chen', '陈'], ['Yang', '杨'], ['Zhao', '赵'], ['Huang', '黄'], ['Zhou', '周'], ['Wu', '吴'], ['Xu', '徐'], ['Sun', '孙'],
];
export const GIVEN_ZH: [string, string][] = [['Wei', '伟'], ['Fang', '芳'], ['Lei', '磊'], ['Jing', '静'], ['Qiang', '强'], ['Min', '敏'], ['Jun', '军'], ['Yan', '燕'], ['Tao', '涛'], ['Hui', '慧']];
export const NAMES_EN: Record<string, string[]> = {
  'eu-central': ['Anna Weber', 'Lukas Schmidt', 'Sophie Becker', 'Jonas Wagner', 'Lea Hoffmann', 'Felix Schulz', 'Marie Koch'],
  'me-gulf': ['Omar Al-Rashid', 'Fatima Haddad', 'Yusuf Karim', 'Layla Nasser', 'Khalid Mansour', 'Noor Saleh', 'Hassan Aziz'],
  latam: ['Lucas Silva', 'Beatriz Santos', 'Rafael Oliveira', 'Camila Souza', 'Gabriel Lima', 'Larissa Costa', 'Mateus Pereira'],
};

export interface TicketText {
  type: 'fault' | 'complaint' | 'inquiry' | 'service_request';
  en: string;
  zh: string;
  cause: 'hardware' | 'software' | 'configuration' | 'environment' | 'operation' | 'third_party' | 'unknown';
}

export const TICKET_TEXTS: TicketText[] = [
  { type: 'fault', en: 'LOS alarm on board {board} port {n}', zh: '{board} 单板 {n} 号端口 LOS 告警', cause: 'hardware' },
  { type: 'fault', en: 'Base station out of service at {city}', zh: '{city} 基站退服', cause: 'environment' },
  { type: 'fault', en: 'Abnormal optical power on {board}', zh: '{board} 光功率异常', cause: 'hardware' },
  { type: 'fault', en: 'Traffic interruption on {model}', zh: '{model} 业务中断', cause: 'software' },
  { type: 'fault', en: 'Board {board} keeps resetting', zh: '{board} 单板反复重启', cause: 'software' },
  { type: 'fault', en: 'Fan failure alarm in rack {model}', zh: '{model} 机柜风扇告警', cause: 'hardware' },
  { type: 'fault', en: 'Clock synchronisation lost on {model}', zh: '{model} 时钟同步失败', cause: 'configuration' },
  { type: 'fault', en: 'Software upgrade of {model} failed', zh: '{model} 软件升级失败', cause: 'operation' },
  { type: 'fault', en: 'High temperature alarm, site {city}', zh: '{city} 站点高温告警', cause: 'environment' },
  { type: 'fault', en: 'Billing records missing from {model}', zh: '{model} 话单丢失', cause: 'third_party' },
  { type: 'inquiry', en: 'Question: licence expansion for {model}', zh: '咨询：{model} license 扩容流程', cause: 'unknown' },
  { type: 'inquiry', en: 'Question: recommended patch level for {model}', zh: '咨询：{model} 推荐补丁版本', cause: 'unknown' },
  { type: 'complaint', en: 'Complaint: slow response to our outage report', zh: '投诉：故障响应不及时', cause: 'operation' },
  { type: 'complaint', en: 'Complaint: engineer arrived without spare parts', zh: '投诉：工程师到场未带备件', cause: 'operation' },
  { type: 'service_request', en: 'Request: preventive maintenance visit at {city}', zh: '申请：{city} 站点例行巡检', cause: 'unknown' },
  { type: 'service_request', en: 'Request: replace board {board} before warranty ends', zh: '申请：保修期内更换 {board} 单板', cause: 'unknown' },
];

export const REPLIES = {
  ack: { en: 'We have received your report and are working on it.', zh: '已收到您的问题，正在处理中。' },
  restored: { en: 'Service has been restored; root cause analysis continues.', zh: '业务已恢复，正在进行根因分析。' },
  resolved: { en: 'The fault is fixed. Please confirm.', zh: '故障已修复，请确认。' },
};
export const NOTES = [
  { en: 'Checked alarms remotely, dispatching field engineer.', zh: '远程检查告警，安排现场工程师。' },
  { en: 'Customer asked to keep the old board for analysis.', zh: '客户要求保留旧单板用于分析。' },
  { en: 'Logs collected and uploaded.', zh: '已收集并上传日志。' },
  { en: 'Waiting for the maintenance window tonight.', zh: '等待今晚维护窗口。' },
];
