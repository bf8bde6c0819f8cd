// The case store over HTTP, with node:http alone. The clock is read here, at the edge, and passed in.
import http from 'node:http';
import { CaseStore, ConflictError } from './caseStore.js';
import { EscalationError } from './library.js';

async function body(req: http.IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

/**
 * POST /escalations {policy, start}            raise a case
 * POST /escalations/:id/events {event, revision?}  apply an event (409 on a stale revision)
 * GET  /escalations/:id/status?at=              what is due (at defaults to the server's clock)
 * GET  /sweep?at=                               cases overdue or due soon
 */
export function createServer(store: CaseStore, clock: () => Date = () => new Date()): http.Server {
  return http.createServer(async (req, res) => {
    const send = (code: number, data: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const at = url.searchParams.get('at') ?? clock().toISOString();
      const parts = url.pathname.split('/').filter(Boolean);
      if (req.method === 'POST' && parts.length === 1 && parts[0] === 'escalations') {
        const { policy, start } = (await body(req)) as { policy: string; start: never };
        return send(201, store.raise(policy, start));
      }
      if (req.method === 'POST' && parts.length === 3 && parts[0] === 'escalations' && parts[2] === 'events') {
        const { event, revision } = (await body(req)) as { event: never; revision?: number };
        return send(
          200,
          store.apply(
            decodeURIComponent(parts[1]!),
            event,
            revision === undefined ? {} : { expectedRevision: revision },
          ),
        );
      }
      if (req.method === 'GET' && parts.length === 3 && parts[0] === 'escalations' && parts[2] === 'status') {
        return send(200, store.status(decodeURIComponent(parts[1]!), at));
      }
      if (req.method === 'GET' && parts.length === 1 && parts[0] === 'sweep') return send(200, store.sweep(at));
      return send(404, { error: 'not found' });
    } catch (e) {
      if (e instanceof ConflictError) return send(409, { error: e.message });
      if (e instanceof EscalationError) return send(422, { error: e.message, code: e.code, problems: e.problems });
      return send(400, { error: e instanceof Error ? e.message : String(e) });
    }
  });
}
