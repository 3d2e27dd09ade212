// The client loads undici's Agent on its own (engine/client.ts): undici's index also loads fetch,
// cookies, WebSocket and EventSource, which the suite never uses (about 60 ms of every start).
// The version is pinned exactly in package.json, so this file stays where it is.
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}
