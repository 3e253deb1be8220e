// Drives the engine's WebSocket endpoint with the npm graphql-ws client (graphql-transport-ws protocol).
// Usage: GRAPHQL_WS_URL=ws://127.0.0.1:5000/graphql node ws-client.mjs -> JSON with what the client saw.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const client = createClient({ url: process.env.GRAPHQL_WS_URL, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });

function collect(payload) {
  return new Promise((resolve) => {
    const events = [];
    client.subscribe(payload, {
      next: (value) => events.push(value),
      error: (error) => resolve({ events, error: Array.isArray(error) ? error : String(error?.reason ?? error?.message ?? error) }),
      complete: () => resolve({ events, completed: true }),
    });
  });
}

function takeThenStop(payload, count) {
  return new Promise((resolve) => {
    const events = [];
    const unsubscribe = client.subscribe(payload, {
      next: (value) => {
        events.push(value);
        if (events.length === count) {
          unsubscribe();
          // A copy: events the server sent before the client's Complete reached it may still arrive after this.
          resolve({ events: [...events], stopped: true });
        }
      },
      error: (error) => resolve({ events, error: String(error) }),
      complete: () => resolve({ events, completed: true }),
    });
  });
}

const countdown = await collect({ query: 'subscription($from: Int!) { countdown(from: $from) }', variables: { from: 3 } });
const stopped = await takeThenStop({ query: 'subscription { greetings }' }, 2);
const query = await collect({ query: '{ hello(name: "ws") }' });
const invalid = await collect({ query: 'subscription { countdown(from: 1) greetings }' });
await client.dispose();
process.stdout.write(JSON.stringify({ countdown, stopped, query, invalid }));
