import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type Client, type TestServer, type TestTenant } from '../../testing/harness.ts';
import { attachDocuments, createDeal } from './fixtures.ts';
import { gateTemplates } from './gate-templates.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const move = (client: Client, id: string, stage: string) => client.post(`/api/opportunities/${id}/stage`, { stage });
const put = (client: Client, url: string, body: unknown) => client.raw({ method: 'PUT', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function dealIn(tenant: TestTenant, stages: string[], body: Record<string, unknown> = {}) {
  const deal = await createDeal(tenant.admin.client, body);
  for (const stage of stages) expect((await move(tenant.admin.client, deal.id, stage)).statusCode).toBe(200);
  return deal.id;
}

async function settingsEvents(tenant: TestTenant) {
  return server.db.kysely.selectFrom('audit_log').select(['action', 'before', 'after']).where('tenant_id', '=', tenant.tenantId).where('entity', '=', 'pipeline_settings').orderBy('seq').execute();
}

describe('a new tenant', () => {
  it('starts with the default gate, document types and stage machine', async () => {
    const t = await makeTenant(server, '默认规则');
    const rep = await t.user('rep');
    const gates = (await rep.client.get('/api/pipeline/gates')).json();
    expect(gates).toMatchObject({ isDefault: true, gates: [{ stage: 'quoted', fields: [], documents: ['price_comparison', 'tech_comparison', 'reference_case'] }] });
    expect(gates.fields).toContainEqual({ name: 'amount', label: '金额', labelEn: 'Amount' });
    const types = (await rep.client.get('/api/pipeline/document-types')).json();
    expect(types.documentTypes.map((d: { key: string }) => d.key)).toEqual(['price_comparison', 'tech_comparison', 'reference_case']);
    const machine = (await rep.client.get('/api/pipeline/transitions')).json();
    expect(machine).toMatchObject({ isDefault: true, reopenRoles: ['manager', 'executive', 'admin'], allowReopenWon: false });
    expect(machine.transitions).toContainEqual({ from: 'negotiation', to: 'won', kind: 'advance' });
    expect(machine.transitions).toContainEqual({ from: 'lost', to: 'qualified', kind: 'reopen' });
    expect(machine.transitions.some((m: { from: string }) => m.from === 'won')).toBe(false);
  });
});

describe('editing gates', () => {
  it('only admins change gates, document types and transitions', async () => {
    const t = await makeTenant(server, '权限');
    for (const role of ['rep', 'manager', 'executive'] as const) {
      const user = await t.user(role);
      expect((await put(user.client, '/api/pipeline/gates', { gates: [] })).statusCode).toBe(403);
      expect((await put(user.client, '/api/pipeline/document-types', { documentTypes: [] })).statusCode).toBe(403);
      expect((await user.client.post('/api/pipeline/gates/apply-template', { template: 'saas' })).statusCode).toBe(403);
      expect((await put(user.client, '/api/pipeline/transitions', { transitions: [{ from: 'lead', to: 'won' }], reopenRoles: [] })).statusCode).toBe(403);
    }
    expect(await settingsEvents(t)).toEqual([]);
  });

  it('refuses unknown stages, fields and document types, naming them, and writes nothing', async () => {
    const t = await makeTenant(server, '校验');
    const putGates = (gates: unknown) => put(t.admin.client, '/api/pipeline/gates', { gates });
    for (const gates of [[{ stage: 'closed', documents: [] }], [{ stage: 'quoted', documents: 'price_comparison' }], [{ stage: 'quoted', colour: 'red' }], 'quoted', [{ stage: 'quoted', documents: ['x'.repeat(500)] }]]) {
      expect((await putGates(gates)).statusCode, JSON.stringify(gates)).toBe(400);
    }
    const unknownDoc = await putGates([{ stage: 'quoted', documents: ['price_comparison', '招标文件'] }]);
    expect(unknownDoc.statusCode).toBe(400);
    expect(unknownDoc.json().error.message).toContain('unknown document type "招标文件"');
    const unknownField = await putGates([{ stage: 'negotiation', fields: ['cf.budget', "amount'; drop table opportunities;--"] }]);
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.details.issues.map((i: { message: string }) => i.message.slice(0, i.message.indexOf('; use one of')))).toEqual(['unknown field "cf.budget"', `unknown field "amount'; drop table opportunities;--"`]);
    expect((await putGates([{ stage: 'quoted' }, { stage: 'quoted' }])).statusCode).toBe(400);
    expect((await putGates([{ stage: 'quoted', documents: ['reference_case', 'reference_case'] }])).statusCode).toBe(400);

    const types = (body: unknown) => put(t.admin.client, '/api/pipeline/document-types', body);
    expect((await types({ documentTypes: [{ key: 'Bad Key', label: '坏', labelEn: 'Bad' }] })).statusCode).toBe(400);
    expect((await types({ documentTypes: [{ key: 'quote', label: '', labelEn: 'Quote' }] })).statusCode).toBe(400);
    const dropUsed = await types({ documentTypes: [{ key: 'quote', label: '报价单', labelEn: 'Quote' }] });
    expect(dropUsed.statusCode).toBe(400);
    expect(dropUsed.json().error.message).toContain('"price_comparison" is required by the quoted gate');
    expect((await t.admin.client.post('/api/pipeline/gates/apply-template', { template: 'aerospace' })).statusCode).toBe(400);

    expect(await settingsEvents(t)).toEqual([]);
    expect((await t.admin.client.get('/api/pipeline/gates')).json().isDefault).toBe(true);
  });

  it('adds a document type and a gate on it, evented with before and after', async () => {
    const t = await makeTenant(server, '编辑');
    const documentTypes = [...(await t.admin.client.get('/api/pipeline/document-types')).json().documentTypes, { key: 'tender_documents', label: '招标文件 📄', labelEn: 'Tender documents' }];
    const saved = await put(t.admin.client, '/api/pipeline/document-types', { documentTypes });
    expect(saved.statusCode, saved.body).toBe(200);
    const gates = [
      { stage: 'quoted', fields: [], documents: ['price_comparison'] },
      { stage: 'negotiation', fields: [], documents: ['tender_documents'] },
    ];
    const res = await put(t.admin.client, '/api/pipeline/gates', { gates });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ isDefault: false, gates });

    const id = await dealIn(t, ['qualified', 'solution']);
    await attachDocuments(server, t.tenantId, id, ['price_comparison']);
    expect((await move(t.admin.client, id, 'quoted')).statusCode).toBe(200);
    const refused = (await move(t.admin.client, id, 'negotiation')).json();
    expect(refused.error.details.missing).toEqual([{ kind: 'document', name: 'tender_documents', label: '招标文件 📄', labelEn: 'Tender documents' }]);

    const audit = await settingsEvents(t);
    expect(audit.map((a) => a.action)).toEqual(['pipeline.document_types_changed', 'pipeline.gates_changed']);
    expect(audit[1].before).toEqual({ gates: [{ stage: 'quoted', fields: [], documents: ['price_comparison', 'tech_comparison', 'reference_case'] }] });
    expect(audit[1].after).toEqual({ gates });
  });
});

describe('field gates', () => {
  it('a required field and a custom field are reported missing with kind "field" until filled', async () => {
    const t = await makeTenant(server, '字段校验');
    const cf = await t.admin.client.post('/api/custom-fields', { entity: 'opportunities', key: 'budget_approved', label: '预算已审批', type: 'boolean' });
    expect(cf.statusCode, cf.body).toBe(201);
    const res = await put(t.admin.client, '/api/pipeline/gates', { gates: [{ stage: 'solution', fields: ['expectedCloseDate', 'cf.budget_approved'] }] });
    expect(res.statusCode, res.body).toBe(200);

    const id = await dealIn(t, ['qualified']);
    const refused = await move(t.admin.client, id, 'solution');
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toEqual({
      error: {
        code: 'gate_failed',
        message: expect.stringContaining('fill in: 预计成交日期 (expectedCloseDate), 预算已审批 (cf.budget_approved)'),
        details: {
          missing: [
            { kind: 'field', name: 'expectedCloseDate', label: '预计成交日期', labelEn: 'Expected close date' },
            { kind: 'field', name: 'cf.budget_approved', label: '预算已审批', labelEn: '预算已审批' },
          ],
        },
      },
    });
    expect((await t.admin.client.patch(`/api/opportunities/${id}`, { expectedCloseDate: '2026-12-31' })).statusCode).toBe(200);
    expect((await move(t.admin.client, id, 'solution')).json().error.details.missing.map((m: { name: string }) => m.name)).toEqual(['cf.budget_approved']);
    expect((await t.admin.client.patch(`/api/opportunities/${id}`, { custom: { budget_approved: false } })).statusCode).toBe(200);
    expect((await move(t.admin.client, id, 'solution')).json().stage).toBe('solution');
  });

  it('an amount gate treats a deal created without an amount as missing it', async () => {
    const t = await makeTenant(server, '金额校验');
    await put(t.admin.client, '/api/pipeline/gates', { gates: [{ stage: 'qualified', fields: ['amount'] }] });
    const noAmount = await dealIn(t, [], { amount: undefined });
    expect((await move(t.admin.client, noAmount, 'qualified')).json().error.details.missing).toEqual([{ kind: 'field', name: 'amount', label: '金额', labelEn: 'Amount' }]);
    const withAmount = await dealIn(t, [], { amount: '1200.00' });
    expect((await move(t.admin.client, withAmount, 'qualified')).statusCode).toBe(200);
  });
});

describe('industry templates', () => {
  it('lists the four industries', async () => {
    const t = await makeTenant(server, '模板列表');
    const rep = await t.user('rep');
    const items = (await rep.client.get('/api/pipeline/gate-templates')).json().items;
    expect(items.map((i: { key: string; label: string }) => `${i.key}:${i.label}`)).toEqual(['medical_devices:医疗器械', 'saas:SaaS', 'manufacturing:工业制造', 'distribution:商贸分销']);
  });

  for (const template of gateTemplates) {
    it(`applying ${template.label} replaces the gates, adds its document types, and moves obey it`, async () => {
      const t = await makeTenant(server, `模板 ${template.label}`);
      const res = await t.admin.client.post('/api/pipeline/gates/apply-template', { template: template.key });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().gates).toEqual(template.gates);
      const keys = (await t.admin.client.get('/api/pipeline/document-types')).json().documentTypes.map((d: { key: string }) => d.key);
      for (const d of template.documentTypes) expect(keys).toContain(d.key);
      expect(keys.slice(0, 3)).toEqual(['price_comparison', 'tech_comparison', 'reference_case']);
      expect((await settingsEvents(t)).map((a) => a.action)).toEqual(['pipeline.gate_template_applied']);

      const first = template.gates[0];
      const path = ['qualified', 'solution', 'quoted', 'negotiation'];
      const id = await createDeal(t.admin.client, { amount: '500000.00', expectedCloseDate: '2026-12-31' });
      for (const stage of path.slice(0, path.indexOf(first.stage))) {
        const documents = template.gates.find((g) => g.stage === stage)?.documents ?? [];
        if (documents.length) await attachDocuments(server, t.tenantId, id.id, documents);
        expect((await move(t.admin.client, id.id, stage)).statusCode).toBe(200);
      }
      const refused = (await move(t.admin.client, id.id, first.stage)).json();
      expect(refused.error.details.missing.map((m: { name: string }) => m.name)).toEqual(first.documents);
      await attachDocuments(server, t.tenantId, id.id, first.documents);
      expect((await move(t.admin.client, id.id, first.stage)).json().stage).toBe(first.stage);
    });
  }
});

describe('tenant transitions', () => {
  const straightToWon = {
    transitions: [
      { from: 'lead', to: 'qualified' },
      { from: 'qualified', to: 'won' },
      { from: 'qualified', to: 'solution' },
      { from: 'solution', to: 'quoted' },
      { from: 'quoted', to: 'negotiation' },
      { from: 'negotiation', to: 'won' },
      { from: 'qualified', to: 'lost' },
      { from: 'lost', to: 'qualified' },
      { from: 'won', to: 'qualified' },
    ],
    reopenRoles: ['admin'],
    allowReopenWon: true,
  };

  it("a tenant's own machine takes effect and another tenant keeps the default", async () => {
    const mine = await makeTenant(server, '快速成交');
    const other = await makeTenant(server, '默认流程');
    const res = await put(mine.admin.client, '/api/pipeline/transitions', straightToWon);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().transitions).toContainEqual({ from: 'won', to: 'qualified', kind: 'reopen' });

    const id = await dealIn(mine, ['qualified']);
    expect((await move(mine.admin.client, id, 'won')).json().stage).toBe('won');
    const manager = await mine.user('manager');
    expect((await mine.admin.client.get('/api/pipeline/transitions')).json().reopenRoles).toEqual(['admin']);
    const byManager = await createDeal(manager.client);
    expect((await move(manager.client, byManager.id, 'qualified')).statusCode).toBe(200);
    expect((await move(manager.client, byManager.id, 'lost')).statusCode).toBe(200);
    expect((await move(manager.client, byManager.id, 'qualified')).json().error).toMatchObject({ code: 'transition_not_allowed', details: { allowed: [] } });
    expect((await move(mine.admin.client, id, 'qualified')).json().stage).toBe('qualified');

    const theirs = await dealIn(other, ['qualified']);
    expect((await move(other.admin.client, theirs, 'won')).json().error).toMatchObject({ code: 'transition_not_allowed', details: { allowed: ['solution', 'lead', 'lost'] } });
    expect((await other.admin.client.get('/api/pipeline/transitions')).json().isDefault).toBe(true);
  });

  it('refuses machines that leave won without leave, dead-end a stage, or name unknown stages, and writes nothing', async () => {
    const t = await makeTenant(server, '坏流程');
    const putMachine = (body: unknown) => put(t.admin.client, '/api/pipeline/transitions', body);
    const wonNotFinal = await putMachine({ ...straightToWon, allowReopenWon: false });
    expect(wonNotFinal.statusCode).toBe(400);
    expect(wonNotFinal.json().error.message).toContain('won is final');
    const deadEnd = await putMachine({ transitions: [{ from: 'lead', to: 'qualified' }, { from: 'qualified', to: 'won' }], reopenRoles: [] });
    expect(deadEnd.statusCode).toBe(400);
    expect(deadEnd.json().error.message).toContain('deals in solution, quoted, negotiation could never reach won');
    const nobodyReopens = await putMachine({ ...straightToWon, reopenRoles: [] });
    expect(nobodyReopens.json().error.message).toContain('reopenRoles is empty');
    for (const body of [
      { transitions: [{ from: 'lead', to: 'closed' }], reopenRoles: [] },
      { transitions: [], reopenRoles: [] },
      { transitions: [{ from: 'lead', to: 'lead' }, ...straightToWon.transitions], reopenRoles: ['admin'], allowReopenWon: true },
      { ...straightToWon, reopenRoles: ['portal'] },
      { ...straightToWon, extra: 1 },
      {},
    ]) {
      expect((await putMachine(body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await settingsEvents(t)).toEqual([]);
  });
});
