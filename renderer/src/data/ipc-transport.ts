import type { CimsBridge, Transport } from '../../../shared/api/bridge';

declare global {
  interface Window {
    cims?: CimsBridge;
  }
}

export const ipcTransport = (bridge: CimsBridge): Transport => ({
  invoke: (name, input) => bridge.commands[name](input),
  subscribe: (name, params, listener) => bridge.subscribe(name, params, listener),
});
