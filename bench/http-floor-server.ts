// The throughput floor of this machine for the API bench's list page: a bare Fastify server that
// runs the same list SQL through node-postgres (prepared, pooled, every value left as PostgreSQL's
// text: no type parsing) and answers its rows as JSON, with no auth, scoping, presenters or
// cursor. What Sightline's list adds over it is its own cost; the rest is what Node, Fastify,
// node-postgres and the cores give. Run by bench/api.ts: `node --import tsx
// bench/http-floor-server.ts` with DATABASE_URL, PORT, TENANT_ID, OWNER_ID and WORKERS set.
import cluster from 'node:cluster';
import Fastify from 'fastify';
import pg from 'pg';

const FLOOR_LIST_SQL = `select o.*, (select a.name from accounts a where a.tenant_id = o.tenant_id and a.id = o.account_id) as account_name
  from opportunities o where o.tenant_id = $1 and o.stage = 'negotiation' and o.owner_id = $2
  order by o.expected_close_date desc, o.id desc limit 51`;

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

if (cluster.isPrimary) {
  const workers = Number(process.env.WORKERS ?? 1);
  for (let i = 0; i < workers; i++) cluster.fork();
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === workers) console.log('floor server is running');
  });
} else {
  const asText = (text: string) => text;
  const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 8, types: { getTypeParser: () => asText } });
  const values = [env('TENANT_ID'), env('OWNER_ID')];
  const app = Fastify();
  app.get('/list', async () => {
    const { rows } = await pool.query({ name: 'floor-list', text: FLOOR_LIST_SQL, values });
    return { items: rows.slice(0, 50), nextCursor: null };
  });
  await app.listen({ port: Number(env('PORT')), host: '127.0.0.1' });
}
