// HTTP routes for contracts and their payment instalments (回款).
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { registerResource } from '../../platform/http/resource.ts';
import { id } from '../../platform/http/schemas.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { contractsResource, contractsService } from './contracts-resource.ts';
import { addPayment, addPaymentSchema, changePayment, changePaymentSchema, listPayments, removePayment } from './payments.ts';

const contractParams = z.object({ id: id() });
const paymentParams = z.object({ id: id(), paymentId: id() });
const tags = ['contracts'];

export const contractRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;
  registerResource(app, deps, contractsResource, contractsService);

  app.get('/api/contracts/:id/payments', { schema: { tags, summary: "List a contract's payment instalments with totals", params: contractParams } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => listPayments(trx, req.ctx, req.params.id)),
  );
  app.post('/api/contracts/:id/payments', { schema: { tags, summary: 'Add a payment instalment (the instalments may not exceed the contract amount)', params: contractParams, body: addPaymentSchema } }, async (req, reply) => {
    const payment = await inTenant(db, req.ctx.tenantId, (trx) => addPayment(trx, req.ctx, req.params.id, req.body));
    return reply.status(201).send(payment);
  });
  app.patch('/api/contracts/:id/payments/:paymentId', { schema: { tags, summary: 'Change a payment instalment or record what was collected', params: paymentParams, body: changePaymentSchema } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => changePayment(trx, req.ctx, req.params.id, req.params.paymentId, req.body)),
  );
  app.delete('/api/contracts/:id/payments/:paymentId', { schema: { tags, summary: 'Remove a payment instalment', params: paymentParams } }, async (req, reply) => {
    await inTenant(db, req.ctx.tenantId, (trx) => removePayment(trx, req.ctx, req.params.id, req.params.paymentId));
    return reply.status(204).send();
  });
};
