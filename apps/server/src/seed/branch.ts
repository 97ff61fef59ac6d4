import type { BanyanApp } from '../app.ts';

/** The kiosk / display / pad addresses of the demo branches, printed once when they are seeded. */
export const demoDeviceUrls: string[] = [];

const SERVICES = [
  {
    code: 'cash',
    letter: 'A',
    names: { en: 'Cash deposit & withdrawal', 'zh-CN': '现金存取', vi: 'Nộp / rút tiền mặt' },
  },
  {
    code: 'accounts',
    letter: 'B',
    names: { en: 'Accounts & cards', 'zh-CN': '账户与银行卡', vi: 'Tài khoản & thẻ' },
  },
  { code: 'loans', letter: 'C', names: { en: 'Loans', 'zh-CN': '贷款', vi: 'Vay vốn' }, slotCapacity: 2 },
  { code: 'fx', letter: 'D', names: { en: 'Foreign exchange', 'zh-CN': '外汇', vi: 'Ngoại tệ' } },
  {
    code: 'self_service',
    letter: 'S',
    names: { en: 'Self-service machines', 'zh-CN': '自助设备', vi: 'Máy tự phục vụ' },
    isSelfService: true,
  },
] as const;

/**
 * The lobby of three demo branches (Hoàn Kiếm, Sài Gòn, Lujiazui): services, five counters, a kiosk, a
 * display board and a feedback pad per counter. Skips a branch that already has services.
 */
export async function seedBranchLobby(
  app: BanyanApp,
  branchIdByCode: Map<string, string>,
  baseUrl = '',
): Promise<void> {
  for (const [code, languages] of [
    ['HN01', ['vi', 'en']],
    ['HCM01', ['vi', 'en']],
    ['SH01', ['zh-CN', 'en']],
  ] as const) {
    const branchId = branchIdByCode.get(code);
    if (!branchId) continue;
    const { rows } = await app.pool.query('SELECT 1 FROM branch_services WHERE branch_id = $1 LIMIT 1', [
      branchId,
    ]);
    if (rows.length > 0) continue;
    const admin = null;
    await app.branch.updateSettings(admin, branchId, {
      languages: [...languages],
      ticker: 'Banyan Bank · 8:00–17:00 · Hotline 1900 0000',
      weekly: {},
      maxRecalls: 2,
    });
    const ids: Record<string, string> = {};
    for (const s of SERVICES) {
      ids[s.code] = (
        await app.branch.createService(admin, branchId, {
          code: s.code,
          letter: s.letter,
          names: { ...s.names },
          waitThresholdMinutes: 15,
          lineThreshold: 8,
          slotCapacity: 'slotCapacity' in s ? s.slotCapacity : 0,
          isSelfService: 'isSelfService' in s ? s.isSelfService : false,
        })
      ).id;
    }
    const plans = [
      ['cash', 'accounts'],
      ['cash', 'accounts'],
      ['accounts', 'cash'],
      ['loans', 'accounts'],
      ['fx', 'cash'],
    ] as const;
    for (const [i, plan] of plans.entries()) {
      const counter = await app.branch.createCounter(admin, branchId, {
        number: i + 1,
        serviceIds: plan.map((p) => ids[p] as string),
      });
      const pad = await app.branch.registerDevice(admin, branchId, {
        kind: 'pad',
        name: `Pad ${i + 1}`,
        counterId: counter.id,
      });
      if (i === 0) demoDeviceUrls.push(`${code} feedback pad 1: ${baseUrl}/lobby/pad#${pad.token}`);
    }
    const kiosk = await app.branch.registerDevice(admin, branchId, { kind: 'kiosk', name: 'Kiosk 1' });
    const display = await app.branch.registerDevice(admin, branchId, { kind: 'display', name: 'Display 1' });
    demoDeviceUrls.push(`${code} kiosk:   ${baseUrl}/lobby/kiosk#${kiosk.token}`);
    demoDeviceUrls.push(`${code} display: ${baseUrl}/lobby/display#${display.token}`);
  }
}
